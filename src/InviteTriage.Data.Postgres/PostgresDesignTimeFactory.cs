using InviteTriage.Data.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace InviteTriage.Data.Postgres;

/// <summary>
/// Lets <c>dotnet ef</c> build the PostgreSQL model of the same context, with this assembly's migrations. No server is
/// needed to add a migration or to check for pending model changes.
/// </summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<TriageDbContext>
{
    public TriageDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TriageDbContext>();
        StoreDialect.Postgres.Configure(options, "Host=localhost;Database=invitetriage_design_time");
        return new TriageDbContext(options.Options);
    }
}
