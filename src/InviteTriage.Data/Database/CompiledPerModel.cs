using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace InviteTriage.Data.Database;

/// <summary>
/// A query compiled once per model (<c>EF.CompileAsyncQuery</c>). A compiled query refuses a model other than the one
/// it first ran against, and one process can hold two: the tests run every store on SQLite and on PostgreSQL.
/// </summary>
internal sealed class CompiledPerModel<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = [];

    public TQuery For(DbContext db) => _byModel.GetValue(db.Model, _ => compile());
}
