using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Data.Tests.Database;

/// <summary>Data Protection's keys live in the store, so that several web instances (and the CLI) share cookies and mailbox passwords.</summary>
public abstract class DataProtectionKeysTests(TriageStore store)
{
    public sealed class OnSqlite(SqliteStore store) : DataProtectionKeysTests(store), IClassFixture<SqliteStore>;

    public sealed class OnPostgres(PostgresStore store) : DataProtectionKeysTests(store), IClassFixture<PostgresStore>;

    private const string Purpose = "InviteTriage.Tests.SharedKeys";

    [Fact]
    public async Task TwoHostsOverOneDatabase_ReadEachOthersProtectedPayloads()
    {
        using var first = await store.StartHostAsync();
        using var second = await store.StartHostAsync();
        var firstProtector = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
        var secondProtector = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

        var fromFirst = firstProtector.Protect("a session of the first instance");
        var fromSecond = secondProtector.Protect("a mailbox password saved through the second");

        secondProtector.Unprotect(fromFirst).Should().Be("a session of the first instance");
        firstProtector.Unprotect(fromSecond).Should().Be("a mailbox password saved through the second");
        (await store.QueryAsync("SELECT count(*) FROM \"DataProtectionKeys\"")).Single().Should().Be("1", "the second instance uses the key the first created");
    }

    [Fact]
    public async Task KeysOfAnOlderVersionInTheDataFolder_AreCopiedIntoTheStoreAndStillRead()
    {
        var folder = Path.Combine(Path.GetTempPath(), "invitetriage-tests", Guid.NewGuid().ToString("N"));
        try
        {
            // What versions before the keys moved into the store did: keys as files in <data folder>/keys.
            var olderServices = new ServiceCollection();
            olderServices.AddDataProtection().SetApplicationName("InviteTriage").PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(folder, "keys")));
            string protectedBefore;
            await using (var older = olderServices.BuildServiceProvider())
            {
                protectedBefore = older.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("a mailbox password saved before the upgrade");
            }

            await ClearKeysAsync();

            using var upgraded = await store.StartHostAsync(folder);
            var protector = upgraded.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

            protector.Unprotect(protectedBefore).Should().Be("a mailbox password saved before the upgrade");
            File.Exists(Directory.GetFiles(Path.Combine(folder, "keys")).Single()).Should().BeTrue("the files stay, so the older version still reads them");
        }
        finally
        {
            await ClearKeysAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    // The class's tests share one store; each starts from a store without keys.
    private async Task ClearKeysAsync() => await store.QueryAsync("DELETE FROM \"DataProtectionKeys\" RETURNING 1");
}
