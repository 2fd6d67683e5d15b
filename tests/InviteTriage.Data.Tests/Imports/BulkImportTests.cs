using InviteTriage.Core.Flocks;
using InviteTriage.Core.History;
using InviteTriage.Core.Invitations;
using InviteTriage.Data.Detection;
using InviteTriage.Data.Imports;
using InviteTriage.Data.Invitations;
using InviteTriage.Ingest;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InviteTriage.Data.Tests.Members;

namespace InviteTriage.Data.Tests.Imports;

/// <summary>
/// A large import takes the bulk path: past its first rows it sets every index of the invitations aside, the unique
/// ones included, tells duplicates by the dedupe keys it holds in memory meanwhile, builds the indexes again before
/// committing, and ends with one rebuild of the flocks. Whatever path it takes, an import must store what the
/// row-by-row path stores.
/// </summary>
public abstract class BulkImportTests : IDisposable
{
    public sealed class OnSqlite(SqliteStore store) : BulkImportTests(store), IClassFixture<SqliteStore>
    {
        /// <summary>
        /// Copies the row of the sender "Slipped Past" as it is inserted, with its dedupe key, behind the import's back: a
        /// duplicate that got past the in-memory dedupe keys. It is an INSERT OR IGNORE, so only a unique index that is
        /// set aside lets the copy in; with the indexes in place the import would simply succeed.
        /// </summary>
        private const string CopyBehindTheImportsBack =
            """
            CREATE TRIGGER "Test_CopyBehindTheImportsBack" AFTER INSERT ON "Invitations" WHEN NEW."SenderName" = 'Slipped Past'
            BEGIN
                INSERT OR IGNORE INTO "Invitations" ("OwnerId", "Network", "ExternalId", "SenderName", "SenderHeadline", "Company",
                    "CompanyKey", "SenderProfileUrl", "SenderKey", "SenderNameKey", "SentAt", "SentMinute", "Message", "MessageClass",
                    "Status", "Source", "ImportBatchId", "AcceptUrl", "ReceivedAt", "UpdatedAt")
                SELECT "OwnerId", "Network", "ExternalId", 'Slipped Past, copied', "SenderHeadline", "Company", "CompanyKey",
                    "SenderProfileUrl", "SenderKey", "SenderNameKey", "SentAt", "SentMinute", "Message", "MessageClass", "Status",
                    "Source", "ImportBatchId", "AcceptUrl", "ReceivedAt", "UpdatedAt"
                FROM "Invitations" WHERE "Id" = NEW."Id";
            END
            """;

        /// <summary>
        /// While the bulk path has set the unique indexes aside, building them again is the check that no duplicate got
        /// past the in-memory dedupe keys; one that did refuses the import whole, in words, and the rollback takes back
        /// every row and brings back every index. PostgreSQL keeps its indexes during an import, so this is SQLite's alone.
        /// </summary>
        [Fact]
        public async Task ADuplicateThatGotPastTheDedupeKeys_RefusesTheLargeImportWhole_AndTheStoreIsAsBefore()
        {
            // A store of its own, so that the import is larger than what the store holds and sets its indexes aside.
            var own = new SqliteStore();
            await own.InitializeAsync();
            try
            {
                var members = new Members(own);
                var owner = await members.AddAsync();
                // Of the file's own source: a stored invitation of another source would send every row down the merge path.
                (await members.ReceiveAsync(owner, From("Early Bird", "Acme", Monday) with { Source = InvitationSource.Csv })).Added.Should().Be(1);
                await own.QueryAsync(CopyBehindTheImportsBack);
                var checksum = await own.ChecksumAsync();
                var indexes = await own.IndexDefinitionsAsync();
                var rows = GeneratedCsv.Rows(LargeFile, seed: 16);
                rows.Add("Slipped Past,2018-05-02T09:00:00Z,,Acme,https://www.linkedin.com/in/slipped-past,,linkedin,");

                var summary = await ImportAsync(own.Services.GetRequiredService<ImportService>(), owner, GeneratedCsv.Write(Path.Combine(_folder, "slipped.csv"), rows));

                summary.Error.Should().Be("Two rows of this import share a dedupe key and could not both be stored. Nothing was imported; please report this.");
                (summary.BatchId, summary.Added, summary.RejectedCount).Should().Be((null, 0, 0));
                (await own.ChecksumAsync()).Should().Be(checksum, "nothing of the refused import is stored: no batch, no event, no invitation, no tally");
                (await own.IndexDefinitionsAsync()).Should().Equal(indexes, "the indexes set aside came back with the rollback");
                (await IntegrityAsync(own)).Should().Be("ok");
            }
            finally
            {
                await own.DisposeAsync();
            }
        }
        /// <summary>
        /// The bulk path sets the search index's insert trigger aside with the indexes and indexes the rows it stored in
        /// one statement at the end: every row is found by the search, the rows stored before the trigger went away are
        /// not indexed twice, and the trigger is back for the next row.
        /// </summary>
        [Fact]
        public async Task ALargeImport_IndexesEveryRowForTheSearch_AndPutsTheTriggerBack()
        {
            var own = new SqliteStore();
            await own.InitializeAsync();
            try
            {
                var members = new Members(own);
                var owner = await members.AddAsync();
                var indexes = await own.IndexDefinitionsAsync();
                var rows = GeneratedCsv.Rows(LargeFile, seed: 17);
                rows.Insert(0, "Firstrow Quokka,2018-05-02T09:00:00Z,,Acme,,,linkedin,");
                rows.Add("Lastrow Pangolin,2025-05-02T09:00:00Z,,Acme,,,linkedin,");

                (await ImportAsync(own.Services.GetRequiredService<ImportService>(), owner, GeneratedCsv.Write(Path.Combine(_folder, "search.csv"), rows))).Error.Should().BeNull();
                (await members.ReceiveAsync(owner, From("Afterwards Okapi", "Acme", Monday))).Added.Should().Be(1);

                var search = own.Services.GetRequiredService<InvitationQueries>();
                foreach (var name in new[] { "Firstrow Quokka", "Lastrow Pangolin", "Afterwards Okapi" })
                {
                    var found = await search.ListAsync(owner, new InvitationFilter(Search: name.Split(' ')[1].ToLowerInvariant()), CancellationToken.None);
                    found.Items.Select(i => i.SenderName).Should().Equal([name], "the search index holds every stored row once");
                }

                var check = () => own.QueryAsync("""INSERT INTO "InvitationSearch" ("InvitationSearch", rank) VALUES ('integrity-check', 1)""");
                await check.Should().NotThrowAsync("the index agrees with the invitations, row for row");
                (await own.IndexDefinitionsAsync()).Should().Equal(indexes, "the indexes and the search trigger set aside are all back");
            }
            finally
            {
                await own.DisposeAsync();
            }
        }
    }

    public sealed class OnPostgres(PostgresStore store) : BulkImportTests(store), IClassFixture<PostgresStore>;

    private const int LargeFile = ImportRun.DeferIndexesAfter + 5_000;

    private readonly TriageStore _store;
    private readonly Members _members;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "invitetriage-bulk", Guid.NewGuid().ToString("N"));

    protected BulkImportTests(TriageStore store)
    {
        _store = store;
        _members = new Members(store);
        Directory.CreateDirectory(_folder);
    }

    private ImportService Imports => _store.Services.GetRequiredService<ImportService>();

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task ALargeFile_StoresWhatTheSameRowsStoreInSmallImports()
    {
        // A store of its own, empty, so that the import is larger than what the store holds and sets indexes aside.
        var store = _store.Another();
        await store.InitializeAsync();
        try
        {
            var members = new Members(store);
            var imports = store.Services.GetRequiredService<ImportService>();
            var rows = GeneratedCsv.Rows(LargeFile, seed: 11);
            var whole = await members.AddAsync();
            var sliced = await members.AddAsync();
            var indexesBefore = await store.IndexDefinitionsAsync();

            var bulk = await ImportAsync(imports, whole, GeneratedCsv.Write(Path.Combine(_folder, "whole.csv"), rows));
            var slices = new List<ImportSummary>();
            foreach (var (slice, number) in rows.Chunk(1_500).Select((slice, number) => (slice, number)))
            {
                // Each slice is smaller than the rows an import checks one by one, so none takes the bulk path.
                slices.Add(await ImportAsync(imports, sliced, GeneratedCsv.Write(Path.Combine(_folder, $"slice{number}.csv"), slice)));
            }

            bulk.Error.Should().BeNull();
            (bulk.Added, bulk.Duplicates, bulk.Rejected.Count).Should().Be((slices.Sum(s => s.Added), slices.Sum(s => s.Duplicates), slices.Sum(s => s.Rejected.Count)));
            bulk.Duplicates.Should().BePositive("the generated file exports some rows twice");
            (await StoredAsync(members, whole)).Should().Equal(await StoredAsync(members, sliced));
            var flocks = await FlockMembershipsAsync(members, whole);
            flocks.Should().HaveCountGreaterThan(100).And.Equal(await FlockMembershipsAsync(members, sliced));
            (await store.IndexDefinitionsAsync()).Should().Equal(indexesBefore, "the indexes set aside during the import are all back");
            (await IntegrityAsync(store)).Should().Be("ok");
        }
        finally
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task ALargeImport_ThenARebuild_HasNothingLeftToChange()
    {
        var owner = await _members.AddAsync();
        await ImportAsync(owner, GeneratedCsv.Write(Path.Combine(_folder, "large.csv"), GeneratedCsv.Rows(LargeFile, seed: 12)));
        var events = await DetectorEventsAsync(owner);
        var flocks = await FlockMembershipsAsync(owner);

        await _store.Services.GetRequiredService<FlockDetectionService>().RebuildAsync(owner, CancellationToken.None);

        (await DetectorEventsAsync(owner)).Should().Be(events);
        (await FlockMembershipsAsync(owner)).Should().Equal(flocks);
    }

    [Fact]
    public async Task AnotherSourceAfterTheBulkPath_StillMergesIntoTheRowsJustImported()
    {
        var owner = await _members.AddAsync();
        var rows = GeneratedCsv.Rows(LargeFile, seed: 13);
        var csv = GeneratedCsv.Write(Path.Combine(_folder, "export.csv"), rows);
        var json = Path.Combine(_folder, "emails.json");
        await File.WriteAllTextAsync(json, """
            [{"senderName": "Late Mail", "sentAt": "2018-01-01T09:05:00Z", "senderProfileUrl": "https://www.linkedin.com/in/late-mail",
              "senderHeadline": "Partner at Mailfirm", "externalId": "9100000000000000001"}]
            """);
        var last = GeneratedCsv.Write(Path.Combine(_folder, "last.csv"), ["Late Mail,2018-01-01T09:00:00Z,,,https://www.linkedin.com/in/late-mail,,linkedin,"]);

        var summary = await Imports.ImportAsync(owner, "me", "auto",
            [ImportSource.FromFile(csv, ImportFormat.Csv), ImportSource.FromFile(last, ImportFormat.Csv), ImportSource.FromFile(json, ImportFormat.Json)],
            null, CancellationToken.None);

        summary.Merged.Should().Be(1, "the e-mail's draft is the CSV's last row seen by another source");
        var merged = (await _members.InvitationsAsync(owner)).Single(i => i.SenderName == "Late Mail");
        (merged.ExternalId, merged.SenderHeadline, merged.CompanyKey).Should().Be(("9100000000000000001", "Partner at Mailfirm", "mailfirm"));
        (await IntegrityAsync(_store)).Should().Be("ok");
    }

    [Fact]
    public async Task OnTheBulkPath_ARowWithoutAnExternalId_IsADuplicateOfOneWithIt()
    {
        var owner = await _members.AddAsync();
        var rows = GeneratedCsv.Rows(3_000, seed: 14);
        rows.Add("Twice Sent,2018-03-04T10:00:00Z,,Acme,https://www.linkedin.com/in/twice-sent,,linkedin,8100000000000000001");
        rows.Add("Twice Sent,2018-03-04T10:00:30Z,,Acme,https://www.linkedin.com/in/twice-sent,,linkedin,");

        var once = await ImportAsync(owner, GeneratedCsv.Write(Path.Combine(_folder, "twice.csv"), rows));
        var again = await ImportAsync(owner, GeneratedCsv.Write(Path.Combine(_folder, "again.csv"), rows));

        (await _members.InvitationsAsync(owner)).Count(i => i.SenderName == "Twice Sent").Should().Be(1);
        again.Added.Should().Be(0);
        again.Duplicates.Should().Be(once.Added + once.Duplicates);
    }

    [Fact]
    public async Task UndoingALargeImport_RemovesItsInvitationsAndItsFlocks()
    {
        var owner = await _members.AddAsync();
        var summary = await ImportAsync(owner, GeneratedCsv.Write(Path.Combine(_folder, "undo.csv"), GeneratedCsv.Rows(LargeFile, seed: 15)));
        (await _members.FlocksAsync(owner, FlockStatus.Open)).Should().NotBeEmpty();

        var undo = await Imports.UndoAsync(owner, "me", summary.BatchId!.Value, CancellationToken.None);

        undo.Outcome.Should().Be(Data.Triage.TriageOutcome.Done);
        (await _members.InvitationsAsync(owner)).Should().BeEmpty();
        (await _members.FlocksAsync(owner, FlockStatus.Open, FlockStatus.Resolved)).Should().BeEmpty();
        (await IntegrityAsync(_store)).Should().Be("ok");
    }


    private Task<ImportSummary> ImportAsync(string owner, string path) => ImportAsync(Imports, owner, path);

    private static Task<ImportSummary> ImportAsync(ImportService imports, string owner, string path) =>
        imports.ImportAsync(owner, "me", "csv", [ImportSource.FromFile(path, ImportFormat.Csv)], null, CancellationToken.None);

    /// <summary>What an import stores of each invitation, without what differs by owner, batch or time of import.</summary>
    private static async Task<List<string>> StoredAsync(Members members, string owner) =>
        [.. (await members.InvitationsAsync(owner))
            .Select(i => string.Join('|', i.Network, i.ExternalId, i.SenderName, i.SenderHeadline, i.Company, i.CompanyKey, i.SenderProfileUrl,
                i.SenderKey, i.SenderNameKey, i.SentAt.ToString("O"), i.SentMinute, i.Message, i.MessageClass, i.Status, i.Source, i.AcceptUrl))
            .Order(StringComparer.Ordinal)];

    /// <summary>Each live flock as its company and its members' senders and times, which do not depend on ids.</summary>
    private Task<List<string>> FlockMembershipsAsync(string owner) => FlockMembershipsAsync(_members, owner);

    private static async Task<List<string>> FlockMembershipsAsync(Members members, string owner)
    {
        var invitations = (await members.InvitationsAsync(owner)).ToDictionary(i => i.Id);
        return [.. (await members.FlocksAsync(owner, FlockStatus.Open, FlockStatus.Resolved))
            .Select(f => $"{f.CompanyKey} {f.Score:0.###} " + string.Join(',', f.Members
                .Select(m => invitations[m.InvitationId])
                .Select(i => $"{i.SenderKey}@{i.SentAt:O}")
                .Order(StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal)];
    }

    private async Task<int> DetectorEventsAsync(string owner)
    {
        await using var db = await _store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
        return await db.FlagEvents.CountAsync(e => e.OwnerId == owner && e.Kind != FlagEventKind.Imported);
    }

    // SQLite checks its file; PostgreSQL checks every page and constraint as it writes, and has no file of ours to check.
    private static async Task<string> IntegrityAsync(TriageStore store) =>
        store is SqliteStore ? string.Join('\n', await store.QueryAsync("PRAGMA integrity_check")) : "ok";
}
