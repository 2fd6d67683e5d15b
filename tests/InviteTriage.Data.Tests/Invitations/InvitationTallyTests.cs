using System.Data.Common;
using InviteTriage.Core.Flocks;
using InviteTriage.Core.Invitations;
using InviteTriage.Core.Triage;
using InviteTriage.Data.Companies;
using InviteTriage.Data.Detection;
using InviteTriage.Data.Imports;
using InviteTriage.Data.Invitations;
using InviteTriage.Data.Settings;
using InviteTriage.Data.Tests.Imports;
using InviteTriage.Data.Triage;
using InviteTriage.Ingest;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InviteTriage.Data.Tests.Members;

namespace InviteTriage.Data.Tests.Invitations;

/// <summary>
/// The tallies the store keeps of each member's invitations by status and flock (<see cref="InvitationTally"/>) never
/// drift from a count of the rows, whichever path writes them: every service that changes a status or a flock, the
/// bulk import, an import's undo, detection removing flocks, and a member's deletion.
/// </summary>
public abstract class InvitationTallyTests : IDisposable
{
    public sealed class OnSqlite(SqliteStore store) : InvitationTallyTests(store), IClassFixture<SqliteStore>
    {
        // SQLite's own shell, for one, does not enforce foreign keys: a member deleted there leaves their rows behind.
        protected override async Task<long> WithoutTheCascadeAsync(string owner, params string[] statements)
        {
            await using var connection = new SqliteConnection($"Data Source={store.DatabasePath};Foreign Keys=False");
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            return await RunAsync(transaction, owner, statements);
        }
    }

    public sealed class OnPostgres(PostgresStore store) : InvitationTallyTests(store), IClassFixture<PostgresStore>
    {
        // The cascade from a member is the foreign keys' own triggers on AspNetUsers; with them off, the rows stay.
        protected override async Task<long> WithoutTheCascadeAsync(string owner, params string[] statements)
        {
            var factory = store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>();
            await using var db = await factory.CreateDbContextAsync();
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            return await RunAsync(transaction, owner, ["ALTER TABLE \"AspNetUsers\" DISABLE TRIGGER ALL", .. statements]);
        }
    }

    /// <summary>Three colleagues of Pellmore Rusk within the hour: a flock.</summary>
    private static readonly InvitationDraft[] AFlock =
    [
        From("Ada Quill", "Pellmore Rusk", Monday.AddHours(9)),
        From("Bo Ray", "Pellmore Rusk", Monday.AddHours(9).AddMinutes(20)),
        From("Cy Tan", "Pellmore Rusk", Monday.AddHours(9).AddMinutes(40)),
    ];

    private readonly TriageStore _store;
    private readonly Members _members;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "invitetriage-tallies", Guid.NewGuid().ToString("N"));

    protected InvitationTallyTests(TriageStore store)
    {
        _store = store;
        _members = new Members(store);
        Directory.CreateDirectory(_folder);
    }

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task EveryDecisionAndDetectionPath_KeepsTheTalliesEqualToACount()
    {
        var owner = await _members.AddAsync();
        var bystander = await _members.AddAsync();
        var triage = _store.Services.GetRequiredService<TriageService>();
        var settings = _store.Services.GetRequiredService<SettingsService>();
        await _members.ReceiveAsync(bystander, From("Ada Quill", "Pellmore Rusk", Monday.AddHours(9)));
        var bystanderTallies = await TalliesAsync(bystander);

        // Two colleagues as "Pellmore Rusk" and one as "Pellmore Rusk Intl": no flock until the alias merges them.
        await _members.ReceiveAsync(
            owner,
            From("Ada Quill", "Pellmore Rusk", Monday.AddHours(9)),
            From("Bo Ray", "Pellmore Rusk", Monday.AddHours(9).AddMinutes(20)),
            From("Cy Tan", "Pellmore Rusk Intl", Monday.AddHours(9).AddMinutes(40)) with { SenderProfileUrl = null },
            From("Lone Wolf", "Zeta Labs", Monday.AddDays(-3)),
            From("No Firm", "", Monday.AddDays(-2)) with { SenderCompany = null });
        await ExpectAsync(owner, "after an import", pending: 5, flocked: 0);

        var merged = await _store.Services.GetRequiredService<CompanyAliasService>().AddAsync(owner, "me", "Pellmore Rusk Intl", "Pellmore Rusk", CancellationToken.None);
        merged.Result.Outcome.Should().Be(TriageOutcome.Done, merged.Result.Message);
        await ExpectAsync(owner, "after an alias completed a flock", pending: 5, flocked: 3);

        var invitations = await _members.InvitationsAsync(owner);
        var loner = invitations.Single(i => i.SenderName == "Lone Wolf");
        (await triage.ActOnInvitationsAsync(owner, "me", [loner.Id], TriageAction.Archive, CancellationToken.None)).Outcome.Should().Be(TriageOutcome.Done);
        await ExpectAsync(owner, "after archiving one invitation", pending: 4, flocked: 3);

        var flock = (await _members.FlocksAsync(owner, FlockStatus.Open)).Single();
        var accepted = await triage.ActOnFlockAsync(owner, "me", flock.Id, TriageAction.Accept, CancellationToken.None);
        await ExpectAsync(owner, "after accepting the flock", pending: 1, flocked: 0);

        (await triage.UndoAsync(owner, "me", accepted.EventId!.Value, CancellationToken.None)).Outcome.Should().Be(TriageOutcome.Done);
        await ExpectAsync(owner, "after undoing the acceptance", pending: 4, flocked: 3);

        var dismissed = await triage.ActOnFlockAsync(owner, "me", flock.Id, TriageAction.Dismiss, CancellationToken.None);
        await ExpectAsync(owner, "after dismissing the flock", pending: 4, flocked: 0);

        (await triage.UndoAsync(owner, "me", dismissed.EventId!.Value, CancellationToken.None)).Outcome.Should().Be(TriageOutcome.Done);
        await ExpectAsync(owner, "after undoing the dismissal", pending: 4, flocked: 3);

        var noFirm = invitations.Single(i => i.SenderName == "No Firm");
        (await _store.Services.GetRequiredService<CompanyService>().SetCompanyAsync(owner, "me", noFirm.Id, "Anvil Works", CancellationToken.None))
            .Outcome.Should().Be(TriageOutcome.Done);
        await ExpectAsync(owner, "after setting a company", pending: 4, flocked: 3);

        // Six senders at the least: detection removes the flock, and its members' FlockId with it.
        await settings.UpdateDetectionAsync(owner, "me", new DetectionParameters(24, 72, 6, 1e-4, 6), CancellationToken.None);
        await ExpectAsync(owner, "after a rebuild removed the flock", pending: 4, flocked: 0);

        await settings.UpdateDetectionAsync(owner, "me", new DetectionParameters(24, 72, 3, 1e-4, 2) { AutoArchiveLikely = true }, CancellationToken.None);
        await ExpectAsync(owner, "after the auto-archive rule", pending: 1, flocked: 0);

        await _store.Services.GetRequiredService<FlockDetectionService>().RebuildAllAsync(CancellationToken.None);
        await ExpectAsync(owner, "after rebuilding everyone", pending: 1, flocked: 0);
        (await TalliesAsync(bystander)).Should().Equal(bystanderTallies, "another member's tallies never move with this one's invitations");
    }

    [Fact]
    public async Task ALargeImportAndItsUndo_KeepTheTalliesEqualToACount()
    {
        var owner = await _members.AddAsync();
        var csv = GeneratedCsv.Write(Path.Combine(_folder, "large.csv"), GeneratedCsv.Rows(ImportRun.DeferIndexesAfter + 5_000, seed: 21));
        await _members.ReceiveAsync(owner, From("Early Bird", "Acme", new DateTime(2018, 6, 1, 9, 0, 0, DateTimeKind.Utc)));

        var summary = await _store.Services.GetRequiredService<ImportService>()
            .ImportAsync(owner, "me", "csv", [ImportSource.FromFile(csv, ImportFormat.Csv)], null, CancellationToken.None);
        var afterImport = await TalliesAsync(owner);
        var countedAfterImport = await CountedAsync(owner, summary.Added + 1);
        var undo = await _store.Services.GetRequiredService<ImportService>().UndoAsync(owner, "me", summary.BatchId!.Value, CancellationToken.None);

        summary.Added.Should().BeGreaterThan(ImportRun.DeferIndexesAfter);
        afterImport.Should().Equal(countedAfterImport, "after a large import");
        afterImport.Should().ContainKey((InvitationStatus.Pending, true), "the generated file has flocks");
        undo.Outcome.Should().Be(TriageOutcome.Done, undo.Message);
        (await TalliesAsync(owner)).Should().Equal(await CountedAsync(owner, 1), "after undoing the import");
    }

    [Fact]
    public async Task DeletingAMember_TakesTheirTalliesAlong()
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(owner, AFlock);
        (await TalliesAsync(owner)).Should().ContainKey((InvitationStatus.Pending, true));

        await using (var db = await Factory.CreateDbContextAsync())
        {
            // The cascade reaches invitations, flocks (which set FlockId to null) and tallies, in whatever order the store picks.
            await db.Users.Where(u => u.Id == owner).ExecuteDeleteAsync();
        }

        (await TalliesAsync(owner)).Should().BeEmpty();
    }

    [Fact]
    public async Task ImportsThatFlockMergeAndGrow_AndTheirUndos_KeepTheTalliesEqualToACount()
    {
        var owner = await _members.AddAsync();
        var imports = _store.Services.GetRequiredService<ImportService>();

        var export = await _members.ReceiveAsync(owner, [.. AFlock, From("Lone Wolf", "Zeta Labs", Monday.AddDays(-3))]);
        await ExpectCountedAsync(owner, "after an import that flocks", rows: 4, flocked: 3);

        // E-mails: one merges into Ada's invitation, one is a fourth colleague who grows the flock.
        var mail = await _members.ReceiveAsync(
            owner,
            From("Ada Quill", "Pellmore Rusk", Monday.AddHours(9).AddMinutes(2), "Hello, I'd like to connect.") with { Source = InvitationSource.Email },
            From("Di Moss", "Pellmore Rusk", Monday.AddHours(10)) with { Source = InvitationSource.Email });
        (mail.Added, mail.Merged).Should().Be((1, 1));
        await ExpectCountedAsync(owner, "after an import that merged and grew the flock", rows: 5, flocked: 4);

        (await imports.UndoAsync(owner, "me", mail.BatchId!.Value, CancellationToken.None)).Outcome.Should().Be(TriageOutcome.Done);
        await ExpectCountedAsync(owner, "after undoing the e-mails", rows: 4, flocked: 3);

        (await imports.UndoAsync(owner, "me", export.BatchId!.Value, CancellationToken.None)).Outcome.Should().Be(TriageOutcome.Done);
        await ExpectCountedAsync(owner, "after undoing the export", rows: 0, flocked: 0);
    }

    /// <summary>
    /// A member's deletion cascades to their invitations, their flocks (which set the invitations' FlockId to null, an
    /// update the triggers see) and their tallies, in whatever order the store picks. The triggers add to a tally only for
    /// a member who still exists, so nothing of theirs is written back, and nobody else's tallies move.
    /// </summary>
    [Fact]
    public async Task DeletingAMemberWithDecidedFlocks_LeavesNoTallyRowOfTheirs_AndOthersEqualToACount()
    {
        var owner = await _members.AddAsync();
        var bystander = await _members.AddAsync();
        var triage = _store.Services.GetRequiredService<TriageService>();
        foreach (var member in new[] { owner, bystander })
        {
            await _members.ReceiveAsync(
                member,
                [
                    .. AFlock,
                    From("Eve Stone", "Anvil Works", Monday.AddDays(2)),
                    From("Fay Lark", "Anvil Works", Monday.AddDays(2).AddMinutes(30)),
                    From("Gus Vale", "Anvil Works", Monday.AddDays(2).AddMinutes(60)),
                    From("Lone Wolf", "Zeta Labs", Monday.AddDays(-3)),
                ]);
            var flocks = await _members.FlocksAsync(member, FlockStatus.Open);
            flocks.Should().HaveCount(2);
            (await triage.ActOnFlockAsync(member, "me", flocks[0].Id, TriageAction.Accept, CancellationToken.None)).Outcome.Should().Be(TriageOutcome.Done);
            var loner = (await _members.InvitationsAsync(member)).Single(i => i.SenderName == "Lone Wolf");
            (await triage.ActOnInvitationsAsync(member, "me", [loner.Id], TriageAction.Archive, CancellationToken.None)).Outcome.Should().Be(TriageOutcome.Done);
        }

        var bystanderTallies = await TalliesAsync(bystander);
        (await TalliesAsync(owner)).Should().Equal(await CountedAsync(owner, expectedRows: 7))
            .And.ContainKeys((InvitationStatus.Accepted, true), (InvitationStatus.Pending, true), (InvitationStatus.Archived, false));

        await using (var db = await Factory.CreateDbContextAsync())
        {
            (await db.Users.Where(u => u.Id == owner).ExecuteDeleteAsync()).Should().Be(1);
        }

        (await TallyRowsAsync(owner)).Should().Be(0, "no tally of a deleted member is written back, not even one of zero");
        (await CountedAsync(owner, expectedRows: 0)).Should().BeEmpty();
        (await TalliesAsync(bystander)).Should().Equal(bystanderTallies).And.Equal(await CountedAsync(bystander, expectedRows: 7));
    }

    /// <summary>
    /// The triggers add to a tally only for a member who exists. A member's deletion does not need that today: both
    /// stores' cascades delete the invitations before any FlockId is set to null (SQLite takes tallies, invitations,
    /// then flocks; PostgreSQL runs the set-null after the invitations are gone, on no rows). So this reaches the
    /// guard directly: the member and their tallies are gone, their rows are not, and changing those rows must not write
    /// a tally back for someone who is not a member. Inside a transaction that is rolled back.
    /// </summary>
    [Fact]
    public async Task ChangingRowsOfAMemberWhoIsGone_WritesNoTallyBackForThem()
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(owner, AFlock);
        (await TalliesAsync(owner)).Should().ContainKey((InvitationStatus.Pending, true));

        var tallyRows = await WithoutTheCascadeAsync(
            owner,
            """DELETE FROM "InvitationTallies" WHERE "OwnerId" = @owner""",
            """DELETE FROM "AspNetUsers" WHERE "Id" = @owner""",
            $"""UPDATE "Invitations" SET "Status" = {(int)InvitationStatus.Archived}, "FlockId" = NULL WHERE "OwnerId" = @owner""",
            """SELECT COUNT(*) FROM "InvitationTallies" WHERE "OwnerId" = @owner""");

        tallyRows.Should().Be(0);
    }

    /// <summary>
    /// Runs the statements in the caller's transaction, in which deleting a member does not cascade, with <c>@owner</c>
    /// bound, and answers the last one's count; the transaction is rolled back when it is disposed.
    /// </summary>
    protected abstract Task<long> WithoutTheCascadeAsync(string owner, params string[] statements);

    private static async Task<long> RunAsync(DbTransaction transaction, string owner, IReadOnlyList<string> statements)
    {
        object? last = null;
        foreach (var statement in statements)
        {
            await using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = statement;
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@owner";
            parameter.Value = owner;
            command.Parameters.Add(parameter);
            last = await command.ExecuteScalarAsync();
        }

        return Convert.ToInt64(last, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>As <see cref="ExpectAsync"/>, for a story whose number of invitations changes.</summary>
    private async Task ExpectCountedAsync(string owner, string because, int rows, int flocked)
    {
        var tallies = await TalliesAsync(owner);
        tallies.Should().Equal(await CountedAsync(owner, expectedRows: rows), because);
        tallies.GetValueOrDefault((InvitationStatus.Pending, true)).Should().Be(flocked, because);
    }

    /// <summary>The tallies match a count of the rows, and hold the pending and flocked invitations the story expects.</summary>
    private async Task ExpectAsync(string owner, string because, int pending, int flocked)
    {
        var tallies = await TalliesAsync(owner);
        tallies.Should().Equal(await CountedAsync(owner, expectedRows: null), because);
        var counts = await _store.Services.GetRequiredService<InvitationQueries>().CountAsync(owner, new InvitationFilter(), CancellationToken.None);
        (counts.Pending, counts.Flocked, counts.All).Should().Be((pending, flocked, 5), because);
    }

    /// <summary>The member's tallies that are not zero.</summary>
    private async Task<Dictionary<(InvitationStatus, bool), int>> TalliesAsync(string owner)
    {
        await using var db = await Factory.CreateDbContextAsync();
        return (await db.InvitationTallies.AsNoTracking().Where(t => t.OwnerId == owner && t.Count != 0).ToListAsync())
            .ToDictionary(t => (t.Status, t.InFlock), t => t.Count);
    }

    /// <summary>Every tally row the member has, zeros included.</summary>
    private async Task<int> TallyRowsAsync(string owner)
    {
        await using var db = await Factory.CreateDbContextAsync();
        return await db.InvitationTallies.CountAsync(t => t.OwnerId == owner);
    }

    /// <summary>The same, counted from the member's invitations.</summary>
    private async Task<Dictionary<(InvitationStatus, bool), int>> CountedAsync(string owner, int? expectedRows)
    {
        await using var db = await Factory.CreateDbContextAsync();
        var counted = (await db.Invitations.AsNoTracking().Where(i => i.OwnerId == owner)
                .GroupBy(i => new { i.Status, InFlock = i.FlockId != null })
                .Select(g => new { g.Key.Status, g.Key.InFlock, Count = g.Count() })
                .ToListAsync())
            .ToDictionary(g => (g.Status, g.InFlock), g => g.Count);
        if (expectedRows is { } rows)
        {
            counted.Values.Sum().Should().Be(rows);
        }

        return counted;
    }

    private IDbContextFactory<TriageDbContext> Factory => _store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>();
}
