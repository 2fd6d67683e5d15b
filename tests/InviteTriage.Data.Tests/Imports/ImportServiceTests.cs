using System.Globalization;
using System.Text;
using InviteTriage.Core.Imports;
using InviteTriage.Data.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using InviteTriage.Ingest;
using Microsoft.Extensions.DependencyInjection;
using static InviteTriage.Data.Tests.Members;

namespace InviteTriage.Data.Tests.Imports;

public abstract class ImportServiceTests
{
    public sealed class OnSqlite(SqliteStore store) : ImportServiceTests(store), IClassFixture<SqliteStore>;

    public sealed class OnPostgres(PostgresStore store) : ImportServiceTests(store), IClassFixture<PostgresStore>;

    private readonly TriageStore _store;
    private readonly Members _members;

    protected ImportServiceTests(TriageStore store)
    {
        _store = store;
        _members = new Members(store);
    }

    [Fact]
    public async Task ImportAsync_SameDraftsTwice_AddsThemOnce()
    {
        var owner = await _members.AddAsync();
        var drafts = new[] { From("Ann Lee", "Acme", Monday.AddHours(9)), From("Bo Chen", "Acme", Monday.AddHours(10)) with { ExternalId = "6132985418842456064" } };

        var first = await _members.ReceiveAsync(owner, drafts);
        var second = await _members.ReceiveAsync(owner, drafts);

        first.Added.Should().Be(2);
        second.Added.Should().Be(0);
        second.Duplicates.Should().Be(2);
        (await _members.InvitationsAsync(owner)).Should().HaveCount(2);
        await using var db = await _store.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
        var batch = await db.ImportBatches.FindAsync(second.BatchId);
        batch!.State.Should().Be(Core.Imports.ImportBatchState.Completed);
        (batch.Added, batch.Duplicates).Should().Be((0, 2), "the batch keeps its counts");
    }

    /// <summary>
    /// A row without an id whose sender sent one with an id in the same minute is a duplicate (FORMATS.md's minute key).
    /// The lookup reads the sender's index over the minute's times, so the minute's first and last tick must both be
    /// in it, on either store (PostgreSQL keeps microseconds, and rounds the last tick up into the next minute).
    /// </summary>
    [Theory]
    [InlineData(0L)]
    [InlineData(TimeSpan.TicksPerMinute - 1)]
    public async Task ImportAsync_ARowWithoutAnIdAtTheTimeOfOneWithAnId_IsADuplicate(long tickOfMinute)
    {
        var owner = await _members.AddAsync();
        var sentAt = Monday.AddHours(9).AddTicks(tickOfMinute);
        await _members.ReceiveAsync(owner, [From("Ann Lee", "Acme", sentAt) with { ExternalId = "6132985418842456064" }]);

        var again = await _members.ReceiveAsync(owner, [From("Ann Lee", "Acme", sentAt)]);

        (again.Added, again.Duplicates).Should().Be((0, 1));
    }

    [Fact]
    public async Task ImportAsync_ARejectedFieldHoldingNul_IsRecordedWithoutIt_OnEveryStore()
    {
        // PostgreSQL refuses U+0000 in text; a rejection quotes the bad field, so the batch row must not carry it.
        var owner = await _members.AddAsync();
        var csv = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, "sender_name,sent_at,sender_company\nAnn Lee,2025-11-24T09:00:00Z,Acme\nBo Chen,2025-11-24\0T10:00,Acme\n", Encoding.UTF8);
        try
        {
            var summary = await _store.Services.GetRequiredService<ImportService>().ImportAsync(
                owner, "me", "csv", [ImportSource.FromFile(csv, ImportFormat.Csv)], null, CancellationToken.None);

            summary.Added.Should().Be(1);
            summary.Rejected.Should().ContainSingle();
            await using var db = await _store.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
            var batch = await db.ImportBatches.FindAsync(summary.BatchId);
            batch!.Rejections.Should().ContainSingle().Which.Should().NotContain("\0").And.Contain("sent_at");
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Fact]
    public async Task ImportAsync_MoreBadRowsThanAreKept_KeepsTheFirstCountsThemAllAndHandsEachToTheListener()
    {
        // A file of a million bad rows once became a million strings in memory and in one batch row.
        var owner = await _members.AddAsync();
        var bad = ImportBatch.KeptRejections + 234;
        var csv = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.csv");
        var rows = new StringBuilder("sender_name,sent_at,sender_company\nAnn Lee,2025-11-24T09:00:00Z,Acme\n");
        for (var n = 0; n < bad; n++)
        {
            rows.Append(CultureInfo.InvariantCulture, $"Sender {n},not a date {n},Acme\n");
        }

        await File.WriteAllTextAsync(csv, rows.ToString(), Encoding.UTF8);
        var heard = new List<ImportRejection>();
        try
        {
            var summary = await _store.Services.GetRequiredService<ImportService>().ImportAsync(
                owner, "me", "csv", [ImportSource.FromFile(csv, ImportFormat.Csv)], null, heard.Add, CancellationToken.None);

            summary.Added.Should().Be(1);
            (summary.RejectedCount, summary.Rejected.Count, summary.MoreRejected).Should().Be((bad, ImportBatch.KeptRejections, 234));
            heard.Should().HaveCount(bad, "the listener hears every rejection, kept or not");
            heard.Last().Error.Should().StartWith($"{csv}:{bad + 2}: sent_at: 'not a date {bad - 1}'");
            summary.Rejected.Should().Equal(heard.Take(ImportBatch.KeptRejections), "the first ones are kept, in file order");
            var view = await _store.Services.GetRequiredService<ImportService>().GetAsync(owner, summary.BatchId!.Value, CancellationToken.None);
            (view!.RejectedCount, view.Rejected.Count).Should().Be((bad, ImportBatch.KeptRejections));
            view.Rejected.Should().Equal(heard.Take(ImportBatch.KeptRejections).Select(r => r.Error));
            (await _members.EventsAsync(owner)).Should().ContainSingle().Which.Summary.Should().EndWith($"{bad} rejected)");
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Fact]
    public async Task ImportAsync_EveryFieldOfADraft_IsStoredAsEfCoreWritesAndComparesIt()
    {
        // SQLite's import binds its values below ADO.NET (SqliteInvitationInsert); EF Core must read and compare them as its own.
        var owner = await _members.AddAsync();
        var sentAt = Monday.AddHours(9).AddTicks(1_234_560); // microseconds: PostgreSQL keeps no finer
        var draft = From("🚀", "Acme Ltd", sentAt) with
        {
            SenderHeadline = "Ops at Acme",
            ExternalId = "6132985418842456064",
            Message = "Hallo, ich würde mich freuen ✓",
            AcceptUrl = "https://www.linkedin.com/comm/people/invite-accept?invitationId=6132985418842456064",
        };

        var summary = await _members.ReceiveAsync(owner, draft);

        summary.Added.Should().Be(1);
        var stored = (await _members.InvitationsAsync(owner)).Should().ContainSingle().Subject;
        (stored.SenderName, stored.SenderNameKey, stored.SenderHeadline, stored.Company, stored.ExternalId, stored.Message, stored.AcceptUrl)
            .Should().Be(("🚀", "", "Ops at Acme", "Acme Ltd", "6132985418842456064", "Hallo, ich würde mich freuen ✓", draft.AcceptUrl));
        (stored.SentAt, stored.SentAt.Kind, stored.ImportBatchId, stored.Source).Should().Be((sentAt, DateTimeKind.Utc, summary.BatchId, draft.Source));
        await using var db = await _store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
        (await db.Invitations.CountAsync(i => i.OwnerId == owner && i.SentAt == sentAt && i.SenderNameKey == "" && i.ReceivedAt <= DateTime.UtcNow))
            .Should().Be(1, "EF Core finds the row by the values it would have written");
    }

    [Fact]
    public async Task Migration_CountRejectionsAndDropUnusedCompanyIndex_CountsTheRejectionsOfBatchesImportedBeforeIt()
    {
        var owner = await _members.AddAsync();
        await using var db = await _store.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
        var migrations = db.Database.GetMigrations().ToList();
        var counting = migrations.FindIndex(m => m.EndsWith("_CountRejectionsAndDropUnusedCompanyIndex", StringComparison.Ordinal));
        var migrator = db.GetService<IMigrator>();
        db.ImportBatches.Add(new ImportBatch { OwnerId = owner, Format = "csv", Rejections = ["a.csv:2: x", "a.csv:3: y", "a.csv:9: z"] });
        await db.SaveChangesAsync();

        await migrator.MigrateAsync(migrations[counting - 1]);
        await migrator.MigrateAsync(migrations[^1]);

        var count = await _store.QueryAsync("""SELECT "RejectedCount" FROM "ImportBatches" WHERE "OwnerId" = @owner""", ("owner", owner));
        count.Should().Equal("3");
    }

    [Fact]
    public async Task ImportAsync_ImpossibleDates_AreRejectedWithTheirReasonAndTheRestImports()
    {
        var owner = await _members.AddAsync();
        var drafts = new[]
        {
            From("Ann Lee", "Acme", Monday, line: 1),
            From("Too Late", "Acme", DateTime.UtcNow.AddDays(3), line: 2),
            From("Too Early", "Acme", new DateTime(2001, 5, 1, 0, 0, 0, DateTimeKind.Utc), line: 3),
        };

        var summary = await _members.ReceiveAsync(owner, drafts);

        summary.Added.Should().Be(1);
        summary.Rejected.Select(r => r.Error).Should().Equal(
            $"test.json:element 2: sentAt: {drafts[1].SentAt:u} is in the future",
            "test.json:element 3: sentAt: 2001-05-01 00:00:00Z is before 2003, when LinkedIn began");
        summary.Rejected.Select(r => r.Index).Should().Equal(1, 2);
    }

    [Fact]
    public async Task ImportAsync_OverlongFieldsAndScriptLinks_AreRejectedByNameFromEverySource()
    {
        var owner = await _members.AddAsync();
        var drafts = new[]
        {
            From("Ann Lee", "Acme", Monday, line: 1) with { Message = new string('x', 10_001) },
            From("Bo Chen", "Acme", Monday.AddHours(1), line: 2) with { SenderProfileUrl = "javascript:alert(1)" },
            From("Cy Diaz", "Acme", Monday.AddHours(2), line: 3) with { AcceptUrl = "data:text/html,<script>alert(1)</script>" },
            From("Di Eng", "Acme", Monday.AddHours(3), line: 4) with { AcceptUrl = "https://www.linkedin.com/comm/people/invite-accept?invitationId=1" },
        };

        var summary = await _members.ReceiveAsync(owner, drafts);

        summary.Added.Should().Be(1);
        summary.Rejected.Select(r => r.Error).Should().Equal(
            "test.json:element 1: message: is 10,001 characters long, more than the 10,000 allowed",
            "test.json:element 2: senderProfileUrl: 'javascript:alert(1)' is not an http(s) link",
            "test.json:element 3: acceptUrl: 'data:text/html,<script>alert(1)</script>' is not an http(s) link");
    }

    [Fact]
    public async Task ImportAsync_AFileOfTheWrongKind_StoresNothingAtAll()
    {
        var owner = await _members.AddAsync();
        var good = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.csv");
        var bad = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(good, "sender_name,sent_at,sender_company\nAnn Lee,2025-11-24T09:00:00Z,Acme\n", Encoding.UTF8);
        await File.WriteAllTextAsync(bad, "[{\"senderName\": \"not a csv\"}]", Encoding.UTF8);
        var service = _store.Services.GetRequiredService<ImportService>();

        var summary = await service.ImportAsync(owner, "me", "csv",
            [ImportSource.FromFile(good, ImportFormat.Csv), ImportSource.FromFile(bad, ImportFormat.Csv)], null, CancellationToken.None);

        summary.Failed.Should().BeTrue();
        summary.Error.Should().Contain(bad);
        (await _members.InvitationsAsync(owner)).Should().BeEmpty("the good file of a refused import is not kept either");
        (await _members.EventsAsync(owner)).Should().BeEmpty();
        File.Delete(good);
        File.Delete(bad);
    }
}
