using System.IO.Compression;
using InviteTriage.Core.Flocks;
using InviteTriage.Core.Invitations;
using InviteTriage.Data.Imports;
using InviteTriage.Data.Triage;
using InviteTriage.Ingest;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Data.Tests.Imports;

/// <summary>
/// The same invitations arrive from the LinkedIn export and from e-mails; they must become one each (FORMATS.md),
/// take companies from Connections.csv, and undo cleanly.
/// </summary>
public abstract class SourceMergeTests : IDisposable
{
    public sealed class OnSqlite(SqliteStore store) : SourceMergeTests(store), IClassFixture<SqliteStore>;

    public sealed class OnPostgres(PostgresStore store) : SourceMergeTests(store), IClassFixture<PostgresStore>;

    private readonly TriageStore _store;
    private readonly Members _members;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "invitetriage-merge", Guid.NewGuid().ToString("N"));

    protected SourceMergeTests(TriageStore store)
    {
        _store = store;
        _members = new Members(store);
        Directory.CreateDirectory(_folder);
    }

    private ImportService Imports => _store.Services.GetRequiredService<ImportService>();

    private static string Mbox => Path.Combine(AppContext.BaseDirectory, "Samples", "invitations.mbox");

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task ExportZipWithTheMailbox_GivesSevenInvitationsFourMergedAndOneFlockOfTheFirmWrittenFourWays()
    {
        var owner = await _members.AddAsync();

        var summary = await Imports.ImportAsync(owner, "me", "auto",
            [ImportSource.FromFile(ExportZip(), ImportFormat.Auto), ImportSource.FromFile(Mbox, ImportFormat.Auto)], null, CancellationToken.None);

        summary.Error.Should().BeNull();
        summary.Added.Should().Be(7);
        summary.Merged.Should().Be(4);
        var invitations = await _members.InvitationsAsync(owner);
        invitations.Should().HaveCount(7);
        var flock = (await _members.FlocksAsync(owner)).Should().ContainSingle().Subject;
        flock.CompanyKey.Should().Be("pellmorerusk");
        flock.SenderCount.Should().Be(4);
        var merged = invitations.Where(i => i.FlockId == flock.Id).ToList();
        merged.Should().HaveCount(4).And.OnlyContain(i => i.ExternalId != null && i.Source == InvitationSource.LinkedInExport);
    }

    [Fact]
    public async Task JoseNunez_TakesHisCompanyFromConnections()
    {
        var owner = await _members.AddAsync();

        await Imports.ImportAsync(owner, "me", "auto", [ImportSource.FromFile(ExportZip(), ImportFormat.Auto)], null, CancellationToken.None);

        var jose = (await _members.InvitationsAsync(owner)).Single(i => i.SenderName.StartsWith("José", StringComparison.Ordinal));
        jose.Company.Should().Be("Harbor Lights Consulting");
        jose.CompanyKey.Should().Be("harborlightsconsulting");
    }

    [Fact]
    public async Task ImportingEverythingAgain_ChangesNothing()
    {
        var owner = await _members.AddAsync();
        ImportSource[] everything() => [ImportSource.FromFile(ExportZip(), ImportFormat.Auto), ImportSource.FromFile(Mbox, ImportFormat.Auto)];
        await Imports.ImportAsync(owner, "me", "auto", everything(), null, CancellationToken.None);
        var before = await _members.InvitationsAsync(owner);

        var again = await Imports.ImportAsync(owner, "me", "auto", everything(), null, CancellationToken.None);

        again.Added.Should().Be(0);
        again.Merged.Should().Be(0);
        var after = await _members.InvitationsAsync(owner);
        after.Should().BeEquivalentTo(before, options => options.Excluding(i => i.UpdatedAt));
        (await _members.FlocksAsync(owner)).Should().ContainSingle();
    }

    [Fact]
    public async Task TheMailboxImportedAfterTheExport_MergesAndItsUndoRestoresTheExportAlone()
    {
        var owner = await _members.AddAsync();
        await Imports.ImportAsync(owner, "me", "auto", [ImportSource.FromFile(ExportZip(), ImportFormat.Auto)], null, CancellationToken.None);
        var exportOnly = await _members.InvitationsAsync(owner);
        (await _members.FlocksAsync(owner, FlockStatus.Open)).Should().BeEmpty("the export names no company for the Pellmore Rusk colleagues");

        var mail = await Imports.ImportAsync(owner, "me", "mbox", [ImportSource.FromFile(Mbox, ImportFormat.Mbox)], null, CancellationToken.None);

        mail.Merged.Should().Be(4);
        mail.Added.Should().Be(1);
        (await _members.FlocksAsync(owner, FlockStatus.Open)).Should().ContainSingle().Which.SenderCount.Should().Be(4);

        var undo = await Imports.UndoAsync(owner, "me", mail.BatchId!.Value, CancellationToken.None);

        undo.Outcome.Should().Be(TriageOutcome.Done);
        (await _members.InvitationsAsync(owner)).Should().BeEquivalentTo(exportOnly, options => options.Excluding(i => i.UpdatedAt).Excluding(i => i.FlockId));
        (await _members.FlocksAsync(owner, FlockStatus.Open)).Should().BeEmpty();
    }

    [Fact]
    public async Task UndoAsync_AfterADecisionOnAnAddedInvitation_IsRefusedAndChangesNothing()
    {
        var owner = await _members.AddAsync();
        var summary = await Imports.ImportAsync(owner, "me", "mbox", [ImportSource.FromFile(Mbox, ImportFormat.Mbox)], null, CancellationToken.None);
        var decided = (await _members.InvitationsAsync(owner))[0].Id;
        await _store.Services.GetRequiredService<TriageService>().ActOnInvitationsAsync(owner, "me", [decided], Core.Triage.TriageAction.Archive, CancellationToken.None);

        var undo = await Imports.UndoAsync(owner, "me", summary.BatchId!.Value, CancellationToken.None);

        undo.Outcome.Should().Be(TriageOutcome.Conflict);
        undo.Conflicts.Should().Equal(decided);
        (await _members.InvitationsAsync(owner)).Should().HaveCount(summary.Added);
    }

    [Fact]
    public async Task UndoAsync_WhileAnotherProcessUndoesTheSameImport_GoesThroughOnceOnly()
    {
        var owner = await _members.AddAsync();
        var summary = await Imports.ImportAsync(owner, "me", "mbox", [ImportSource.FromFile(Mbox, ImportFormat.Mbox)], null, CancellationToken.None);
        var batchId = summary.BatchId!.Value;
        var eventsBefore = (await _members.EventsAsync(owner)).Count;

        // Another process (the owner lock is per process) is inside its undo of the batch: it holds the write lock
        // and has marked the batch undone, but not yet committed when this undo starts.
        await using var other = await _store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
        await using var otherUndo = await other.Database.BeginTransactionAsync();
        (await other.Database.ExecuteSqlAsync(
            $"UPDATE \"ImportBatches\" SET \"State\" = {(int)Core.Imports.ImportBatchState.Undone} WHERE \"Id\" = {batchId}")).Should().Be(1);

        // The store's write lock is waited for on the calling thread, so the undo runs on one of its own.
        var undoing = Task.Run(() => Imports.UndoAsync(owner, "me", batchId, CancellationToken.None));
        await Task.Delay(300);
        await otherUndo.CommitAsync();
        var undo = await undoing;

        undo.Outcome.Should().Be(TriageOutcome.Invalid, "the other process undid it first");
        undo.Message.Should().Contain("already undone");
        (await _members.InvitationsAsync(owner)).Should().HaveCount(summary.Added, "this undo removed nothing");
        (await _members.EventsAsync(owner)).Should().HaveCount(eventsBefore, "this undo wrote no history");
    }

    [Fact]
    public async Task UndoAsync_AnOlderImportThatALaterOneMergedInto_IsRefusedUntilTheLaterIsUndone()
    {
        var owner = await _members.AddAsync();
        var export = await Imports.ImportAsync(owner, "me", "auto", [ImportSource.FromFile(ExportZip(), ImportFormat.Auto)], null, CancellationToken.None);
        var mail = await Imports.ImportAsync(owner, "me", "mbox", [ImportSource.FromFile(Mbox, ImportFormat.Mbox)], null, CancellationToken.None);
        mail.Merged.Should().Be(4);

        var older = await Imports.UndoAsync(owner, "me", export.BatchId!.Value, CancellationToken.None);

        older.Outcome.Should().Be(TriageOutcome.Invalid);
        older.Message.Should().Contain(mail.BatchId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        (await _members.InvitationsAsync(owner)).Should().HaveCount(7);

        (await Imports.UndoAsync(owner, "me", mail.BatchId!.Value, CancellationToken.None)).Outcome.Should().Be(TriageOutcome.Done);
        (await Imports.UndoAsync(owner, "me", export.BatchId!.Value, CancellationToken.None)).Outcome.Should().Be(TriageOutcome.Done);
        (await _members.InvitationsAsync(owner)).Should().BeEmpty();
    }

    [Fact]
    public async Task UndoAsync_AConnectionsImport_TakesBackTheCompaniesItGave()
    {
        var owner = await _members.AddAsync();
        await Imports.ImportAsync(owner, "me", "linkedin-invitations",
            [ImportSource.FromFile(Path.Combine(AppContext.BaseDirectory, "Samples", "Invitations.csv"), ImportFormat.LinkedInInvitations)], null, CancellationToken.None);
        var connections = await Imports.ImportAsync(owner, "me", "linkedin-connections",
            [ImportSource.FromFile(Path.Combine(AppContext.BaseDirectory, "Samples", "Connections.csv"), ImportFormat.LinkedInConnections)], null, CancellationToken.None);
        (await _members.InvitationsAsync(owner)).Single(i => i.SenderName.StartsWith("José", StringComparison.Ordinal)).Company.Should().Be("Harbor Lights Consulting");

        var undo = await Imports.UndoAsync(owner, "me", connections.BatchId!.Value, CancellationToken.None);

        undo.Outcome.Should().Be(TriageOutcome.Done);
        (await _members.InvitationsAsync(owner)).Should().OnlyContain(i => i.CompanyKey == null, "the export alone names no companies");
    }

    [Fact]
    public async Task TwoNamesakesFromOneSource_AreTwoInvitationsNotOneMerged()
    {
        var owner = await _members.AddAsync();
        var sameName = Members.From("John Smith", "Acme", Members.Monday.AddHours(9)) with { SenderProfileUrl = null };

        var summary = await _members.ReceiveAsync(owner, sameName, sameName with { SentAt = sameName.SentAt.AddMinutes(5), SenderCompany = "Globex" });

        summary.Added.Should().Be(2);
        summary.Merged.Should().Be(0);
    }

    private string ExportZip()
    {
        var path = Path.Combine(_folder, $"Basic_LinkedInDataExport_11-25-2025-{Guid.NewGuid():N}.zip");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        zip.CreateEntryFromFile(Path.Combine(AppContext.BaseDirectory, "Samples", "Invitations.csv"), "Invitations.csv");
        zip.CreateEntryFromFile(Path.Combine(AppContext.BaseDirectory, "Samples", "Connections.csv"), "Connections.csv");
        return path;
    }
}
