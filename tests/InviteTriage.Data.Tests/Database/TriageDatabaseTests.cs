using InviteTriage.Core.Invitations;
using InviteTriage.Data.Database;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InviteTriage.Data.Tests.Database;

public abstract class TriageDatabaseTests
{
    public sealed class OnSqlite(SqliteStore store) : TriageDatabaseTests(store), IClassFixture<SqliteStore>
    {
        protected override string IndexNames => "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = @table";

        [Fact]
        public async Task MigrateAsync_NewFile_CreatesSchemaInWalMode()
        {
            await using var db = await store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();

            var journalMode = await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync();
            var pending = await db.Database.GetPendingMigrationsAsync();

            journalMode.Should().ContainSingle().Which.Should().Be("wal");
            pending.Should().BeEmpty();
        }

        /// <summary>A process killed while migrating leaves EF Core's lock row; the next start must not wait for it forever.</summary>
        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task MigrateAsync_ALockLeftByAKilledProcess_DoesNotHoldTheNextStart(bool pending)
        {
            var folder = Path.Combine(Path.GetTempPath(), "invitetriage-tests", Guid.NewGuid().ToString("N"));
            var path = Path.Combine(folder, "store.db");
            try
            {
                using (var host = StoreHost(path, folder))
                {
                    await TriageDatabase.MigrateAsync(host.Services, CancellationToken.None);
                }

                await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
                {
                    await connection.OpenAsync();
                    await using var command = connection.CreateCommand();
                    var stale = DateTimeOffset.UtcNow - TriageDatabase.StaleMigrationLock - TimeSpan.FromMinutes(1);
                    command.CommandText =
                        $"""
                        CREATE TABLE IF NOT EXISTS "__EFMigrationsLock" ("Id" INTEGER NOT NULL PRIMARY KEY, "Timestamp" TEXT NOT NULL);
                        INSERT INTO "__EFMigrationsLock" VALUES (1, '{stale:O}');
                        {(pending ? "DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = (SELECT MAX(\"MigrationId\") FROM \"__EFMigrationsHistory\");" : "")}
                        """;
                    await command.ExecuteNonQueryAsync();
                }

                using var restarted = StoreHost(path, folder);
                var migrate = TriageDatabase.MigrateAsync(restarted.Services, CancellationToken.None);

                (await Task.WhenAny(migrate, Task.Delay(TimeSpan.FromSeconds(60)))).Should().BeSameAs(migrate, "a dead process's lock must not hold the start-up");
                await migrate;
            }
            catch (DatabaseUnavailableException) when (pending)
            {
                // Re-applying the newest migration over its own tables fails, which is the database saying so, not a hang.
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }
        }

        private static IHost StoreHost(string path, string folder)
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:InviteTriage"] = $"Data Source={path}",
                ["INVITETRIAGE_DATA"] = folder,
            });
            builder.Services.AddLogging();
            builder.AddTriageData();
            return builder.Build();
        }

        [Fact]
        public void DatabaseLocation_NoConnectionString_UsesTheDefaultFileInTheDataFolder()
        {
            var configuration = new ConfigurationBuilder().Build();

            var location = DatabaseLocation.From(configuration);

            location.Provider.Should().Be(DatabaseProvider.Sqlite);
            location.SqlitePath.Should().Be(DatabaseLocation.DefaultSqlitePath);
            location.SqlitePath.Should().EndWith(Path.Combine("InviteTriage", "invitetriage.db"));
        }

        [Fact]
        public void DatabaseLocation_UnknownProvider_FailsWithAMessageNamingIt()
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = "Oracle" })
                .Build();

            var from = () => DatabaseLocation.From(configuration);

            from.Should().Throw<DatabaseUnavailableException>().WithMessage("*Oracle*Sqlite*");
        }

        [Fact]
        public async Task MigrateAsync_UnwritablePath_FailsWithAMessageNamingThePath()
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Services.AddLogging();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:InviteTriage"] = "Data Source=/proc/no-such-folder/store.db" });
            builder.AddTriageData();
            using var host = builder.Build();

            var migrate = () => TriageDatabase.MigrateAsync(host.Services, CancellationToken.None);

            await migrate.Should().ThrowAsync<DatabaseUnavailableException>().WithMessage("*/proc/no-such-folder/store.db*");
        }
    }

    public sealed class OnPostgres(PostgresStore store) : TriageDatabaseTests(store), IClassFixture<PostgresStore>
    {
        protected override string IndexNames => "SELECT indexname FROM pg_indexes WHERE tablename = @table";

        [Fact]
        public async Task MigrateAsync_NewDatabase_LeavesNothingPendingAndNoLockBehind()
        {
            await using var db = await store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();

            var pending = await db.Database.GetPendingMigrationsAsync();
            var lockTables = await store.QueryAsync("SELECT tablename FROM pg_tables WHERE tablename = '__EFMigrationsLock'");

            pending.Should().BeEmpty();
            lockTables.Should().BeEmpty("Npgsql locks the history table inside the migration's transaction, which ends with the connection");
        }

        [Fact]
        public void DatabaseLocation_PostgresWithoutConnectionString_FailsWithAMessageNamingTheKey()
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = "Postgres" })
                .Build();

            var from = () => DatabaseLocation.From(configuration);

            from.Should().Throw<DatabaseUnavailableException>().WithMessage("*ConnectionStrings:InviteTriage*");
        }

        [Fact]
        public async Task MigrateAsync_UnreachableServer_FailsWithAMessageNamingTheProvider()
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Services.AddLogging();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Postgres",
                ["ConnectionStrings:InviteTriage"] = "Host=127.0.0.1;Port=1;Database=nowhere;Username=nobody;Password=x;Timeout=3",
            });
            builder.AddTriageData();
            using var host = builder.Build();

            var migrate = () => TriageDatabase.MigrateAsync(host.Services, CancellationToken.None);

            await migrate.Should().ThrowAsync<DatabaseUnavailableException>().WithMessage("*Postgres*");
        }
    }

    private readonly TriageStore _store;

    protected TriageDatabaseTests(TriageStore store) => _store = store;

    /// <summary>SQL that lists the names of a table's indexes, the table bound to @table.</summary>
    protected abstract string IndexNames { get; }

    [Theory]
    [InlineData("Invitations", "IX_Invitations_OwnerId_Status_SentAt")]
    [InlineData("Invitations", "IX_Invitations_OwnerId_CompanyKey_SentAt")]
    [InlineData("Invitations", "IX_Invitations_SenderKey_SentAt_OwnerId")]
    [InlineData("Invitations", "IX_Invitations_OwnerId_Network_ExternalId")]
    [InlineData("Invitations", "IX_Invitations_OwnerId_Network_SenderKey_SentMinute")]
    [InlineData("ApiTokens", "IX_ApiTokens_TokenHash")]
    public async Task Schema_HasTheIndexesTheQueriesNeed(string table, string index)
    {
        var names = await _store.QueryAsync(IndexNames, ("@table", table));

        names.Should().Contain(index);
    }

    [Fact]
    public async Task DedupeKeys_SameExternalIdTwice_IsRejectedByTheStore()
    {
        var ownerId = await SeedUserAsync("dedupe-ext@example.com");
        await using var db = await _store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
        db.Invitations.Add(NewInvitation(ownerId, "Ann", externalId: "6132985418842456064"));
        db.Invitations.Add(NewInvitation(ownerId, "Ann again", externalId: "6132985418842456064"));

        var save = () => db.SaveChangesAsync();

        await save.Should().ThrowAsync<DbUpdateException>();
    }

    [Fact]
    public async Task DedupeKeys_SameSenderSameMinuteWithoutExternalId_IsRejectedByTheStore()
    {
        var ownerId = await SeedUserAsync("dedupe-min@example.com");
        await using var db = await _store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
        db.Invitations.Add(NewInvitation(ownerId, "Bo", externalId: null));
        db.Invitations.Add(NewInvitation(ownerId, "Bo", externalId: null));

        var save = () => db.SaveChangesAsync();

        await save.Should().ThrowAsync<DbUpdateException>();
    }

    [Fact]
    public async Task Times_AreReadBackAsUtc()
    {
        var ownerId = await SeedUserAsync("utc@example.com");
        var sentAt = new DateTime(2025, 11, 24, 9, 2, 0, DateTimeKind.Utc);
        await using (var db = await _store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync())
        {
            db.Invitations.Add(NewInvitation(ownerId, "Cy", externalId: "utc-1", sentAt));
            await db.SaveChangesAsync();
        }

        await using var reader = await _store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
        var stored = await reader.Invitations.SingleAsync(i => i.OwnerId == ownerId);

        stored.SentAt.Should().Be(sentAt);
        stored.SentAt.Kind.Should().Be(DateTimeKind.Utc);
    }

    private async Task<string> SeedUserAsync(string email)
    {
        await using var scope = _store.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<InviteTriage.Data.Accounts.AccountService>()
            .CreateUserAsync(email, "a long enough password", admin: false, CancellationToken.None);
        return result.User!.Id;
    }

    private static Invitation NewInvitation(string ownerId, string name, string? externalId, DateTime? sentAt = null)
    {
        var at = sentAt ?? new DateTime(2025, 11, 24, 9, 2, 0, DateTimeKind.Utc);
        return new Invitation
        {
            OwnerId = ownerId,
            SenderName = name,
            SenderKey = "name:bo|acme",
            ExternalId = externalId,
            SentAt = at,
            SentMinute = (long)(at - DateTime.UnixEpoch).TotalMinutes,
            ReceivedAt = at,
            UpdatedAt = at,
        };
    }
}
