using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace InviteTriage.Data.Database;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the web app.</summary>
internal sealed class TriageDbContextDesignTimeFactory : IDesignTimeDbContextFactory<TriageDbContext>
{
    public TriageDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TriageDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
