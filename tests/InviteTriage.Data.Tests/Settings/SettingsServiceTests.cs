using InviteTriage.Core.Flocks;
using InviteTriage.Core.History;
using InviteTriage.Data.Settings;
using Microsoft.Extensions.DependencyInjection;
using static InviteTriage.Data.Tests.Members;

namespace InviteTriage.Data.Tests.Settings;

public abstract class SettingsServiceTests
{
    public sealed class OnSqlite(SqliteStore store) : SettingsServiceTests(store), IClassFixture<SqliteStore>;

    public sealed class OnPostgres(PostgresStore store) : SettingsServiceTests(store), IClassFixture<PostgresStore>;

    private readonly TriageStore _store;
    private readonly Members _members;
    private readonly SettingsService _settings;

    protected SettingsServiceTests(TriageStore store)
    {
        _store = store;
        _members = new Members(store);
        _settings = store.Services.GetRequiredService<SettingsService>();
    }

    [Theory]
    [InlineData(0, 72, 3, 1e-4, "gap H")]
    [InlineData(-1, 72, 3, 1e-4, "gap H")]
    [InlineData(24, 12, 3, 1e-4, "span S")]
    [InlineData(24, 72, 1, 1e-4, "2 senders")]
    [InlineData(24, 72, 3, 0, "α")]
    [InlineData(24, 72, 3, 1, "α")]
    [InlineData(24, 72, 3, 1.5, "α")]
    public async Task UpdateDetectionAsync_OutOfRange_IsRefusedAndNothingChanges(double gap, double span, int senders, double alpha, string named)
    {
        var owner = await _members.AddAsync();

        var problems = await _settings.UpdateDetectionAsync(owner, "me", new DetectionParameters(gap, span, senders, alpha, 6), CancellationToken.None);

        problems.Should().ContainSingle().Which.Should().Contain(named);
        var stored = await _settings.GetAsync(owner, CancellationToken.None);
        (stored.GapHours, stored.SpanHours, stored.MinSenders, stored.Alpha).Should().Be((24.0, 72.0, 3, 1e-4));
        (await _members.EventsAsync(owner)).Should().BeEmpty();
    }

    [Fact]
    public async Task UpdateDetectionAsync_StricterSenders_RebuildsAndKeepsDecisions()
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(owner, [.. Enumerable.Range(0, 3).Select(i => From($"Colleague {i}", "Acme", Monday.AddHours(9).AddMinutes(20 * i)))]);
        (await _members.FlocksAsync(owner, Core.Flocks.FlockStatus.Open)).Should().ContainSingle();

        var problems = await _settings.UpdateDetectionAsync(owner, "me", new DetectionParameters(24, 72, 4, 1e-4, 6), CancellationToken.None);

        problems.Should().BeEmpty();
        (await _members.FlocksAsync(owner, Core.Flocks.FlockStatus.Open)).Should().BeEmpty("three senders no longer make a flock");
        (await _members.EventsAsync(owner)).Select(e => e.Kind).Should().Contain([FlagEventKind.SettingsChanged, FlagEventKind.FlockWithdrawn]);
    }

    [Fact]
    public async Task PreviewAsync_CountsWhatOtherSettingsWouldFind_AndStoresNothing()
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(owner, [.. Enumerable.Range(0, 3).Select(i => From($"Colleague {i}", "Acme", Monday.AddHours(9).AddMinutes(20 * i)))]);
        var eventsBefore = (await _members.EventsAsync(owner)).Count;

        var (now, _) = await _settings.PreviewAsync(owner, new DetectionParameters(24, 72, 3, 1e-4, 6), CancellationToken.None);
        var (stricter, _) = await _settings.PreviewAsync(owner, new DetectionParameters(24, 72, 4, 1e-4, 6), CancellationToken.None);
        var (trusting, _) = await _settings.PreviewAsync(owner, new DetectionParameters(24, 72, 3, 1e-4, 6) { TrustedCompanies = ["ACME, Inc."] }, CancellationToken.None);

        now.Should().Be(new Data.Detection.DetectionPreview(1, (await _members.FlocksAsync(owner)).Count(f => f.Severity == Core.Flocks.FlockSeverity.Likely), 3));
        stricter!.Flocks.Should().Be(0);
        trusting!.Flocks.Should().Be(0);
        (await _members.FlocksAsync(owner, Core.Flocks.FlockStatus.Open)).Should().ContainSingle();
        (await _members.EventsAsync(owner)).Should().HaveCount(eventsBefore);
    }

    /// <summary>
    /// The settings page shows the saved settings' figures from the stored flocks instead of a preview: they must be
    /// what the preview counts, whatever became of the flocks since (answered, dismissed, withdrawn).
    /// </summary>
    [Fact]
    public async Task CurrentAsync_AfterDetection_IsWhatThePreviewOfTheSavedSettingsCounts()
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(owner,
        [
            .. Enumerable.Range(0, 5).Select(i => From($"Aspen {i}", "Aspen Row", Monday.AddHours(9).AddMinutes(20 * i))),
            .. Enumerable.Range(0, 4).Select(i => From($"Birch {i}", "Birch Lane", Monday.AddDays(1).AddHours(9).AddMinutes(20 * i))),
            .. Enumerable.Range(0, 4).Select(i => From($"Cedar {i}", "Cedar Court", Monday.AddDays(2).AddHours(9).AddMinutes(20 * i))),
            .. Enumerable.Range(0, 3).Select(i => From($"Dogwood {i}", "Dogwood Yard", Monday.AddDays(3).AddHours(9).AddMinutes(20 * i))),
            .. Enumerable.Range(0, 6).Select(i => From($"Lone {i}", $"Lone Firm {i}", Monday.AddDays(i).AddHours(15))),
        ]);
        var triage = _store.Services.GetRequiredService<Data.Triage.TriageService>();
        var flocks = await _members.FlocksAsync(owner);
        flocks.Should().HaveCount(4);
        await triage.ActOnFlockAsync(owner, "me", flocks.Single(f => f.Company == "Birch Lane").Id, Core.Triage.TriageAction.Archive, CancellationToken.None);
        await triage.ActOnFlockAsync(owner, "me", flocks.Single(f => f.Company == "Cedar Court").Id, Core.Triage.TriageAction.Dismiss, CancellationToken.None);
        await _settings.UpdateDetectionAsync(owner, "me", new DetectionParameters(24, 72, 4, 1e-4, 6), CancellationToken.None);
        (await _members.FlocksAsync(owner)).Select(f => (f.Company, f.Status)).Should().BeEquivalentTo(
        [
            ("Aspen Row", FlockStatus.Open), ("Birch Lane", FlockStatus.Resolved), ("Cedar Court", FlockStatus.Dismissed), ("Dogwood Yard", FlockStatus.Withdrawn),
        ]);
        var saved = DetectionParameters.Of(await _settings.GetAsync(owner, CancellationToken.None));

        var current = await _settings.CurrentAsync(owner, CancellationToken.None);

        var (preview, _) = await _settings.PreviewAsync(owner, saved, CancellationToken.None);
        current.Should().Be(preview);
        current.Flocks.Should().Be(2, "the open and the resolved flock");
        current.Invitations.Should().Be(9);
    }

    [Fact]
    public async Task CurrentAsync_NoFlocks_IsZero()
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(owner, From("Lone", "Lone Firm", Monday));

        var current = await _settings.CurrentAsync(owner, CancellationToken.None);

        current.Should().Be(new Data.Detection.DetectionPreview(0, 0, 0));
    }

    [Fact]
    public async Task PreviewAsync_NumbersOutOfRange_GiveTheirReasons()
    {
        var owner = await _members.AddAsync();

        var (preview, problems) = await _settings.PreviewAsync(owner, new DetectionParameters(0, 72, 3, 1e-4, 6), CancellationToken.None);

        preview.Should().BeNull();
        problems.Should().ContainSingle().Which.Should().Contain("gap H");
    }

    [Fact]
    public async Task UpdateDetectionAsync_OwnEmployersAndTrustedCompanies_AreStoredTidiedAndRecorded()
    {
        var owner = await _members.AddAsync();

        await _settings.UpdateDetectionAsync(
            owner, "me", new DetectionParameters(24, 72, 3, 1e-4, 6) { OwnEmployers = [" Acme ", "ACME, Inc."], TrustedCompanies = ["Globex"] }, CancellationToken.None);

        var stored = await _settings.GetAsync(owner, CancellationToken.None);
        stored.OwnEmployers.Should().Equal("Acme");
        stored.TrustedCompanies.Should().Equal("Globex");
        (await _members.EventsAsync(owner)).Single().Summary.Should().Contain("own employers [Acme]").And.Contain("trusted [Globex]");
    }

    [Fact]
    public async Task UpdateDetectionAsync_ListsLeftOut_KeepWhatIsStored()
    {
        var owner = await _members.AddAsync();
        await _settings.UpdateDetectionAsync(owner, "me", new DetectionParameters(24, 72, 3, 1e-4, 6) { TrustedCompanies = ["Globex"] }, CancellationToken.None);

        await _settings.UpdateDetectionAsync(owner, "me", new DetectionParameters(12, 72, 3, 1e-4, 6), CancellationToken.None);

        (await _settings.GetAsync(owner, CancellationToken.None)).TrustedCompanies.Should().Equal("Globex");
    }

    [Fact]
    public async Task AutoArchive_ArchivesLikelyFlocksAsAnUndoableRuleDecision_OnceOnly()
    {
        var owner = await _members.AddAsync();
        await _settings.UpdateDetectionAsync(owner, "me", new DetectionParameters(24, 72, 3, 1e-4, 2) { AutoArchiveLikely = true }, CancellationToken.None);

        await _members.ReceiveAsync(owner, [.. Enumerable.Range(0, 4).Select(i => From($"Colleague {i}", "Acme", Monday.AddHours(9).AddMinutes(20 * i)))]);

        (await _members.InvitationsAsync(owner)).Should().OnlyContain(i => i.Status == Core.Invitations.InvitationStatus.Archived);
        var rule = (await _members.EventsAsync(owner)).Single(e => e.Actor == Data.Detection.FlockDetectionService.AutoArchiveActor);
        rule.Kind.Should().Be(FlagEventKind.StatusChanged);
        rule.Changes.Should().HaveCount(4).And.OnlyContain(c => c.Before == "pending" && c.After == "archived");
        (await _members.FlocksAsync(owner)).Single().Status.Should().Be(Core.Flocks.FlockStatus.Resolved);

        var triage = _store.Services.GetRequiredService<Data.Triage.TriageService>();
        (await triage.UndoAsync(owner, "me", rule.Id, CancellationToken.None)).Outcome.Should().Be(Data.Triage.TriageOutcome.Done);
        await _settings.UpdateDetectionAsync(owner, "me", new DetectionParameters(24, 72, 3, 1e-4, 2), CancellationToken.None);

        (await _members.InvitationsAsync(owner)).Should().OnlyContain(i => i.Status == Core.Invitations.InvitationStatus.Pending, "the rule archives an invitation once, and the user brought these back");
    }

    [Fact]
    public async Task AutoArchive_Off_LeavesFlocksPending()
    {
        var owner = await _members.AddAsync();
        await _settings.UpdateDetectionAsync(owner, "me", new DetectionParameters(24, 72, 3, 1e-4, 2), CancellationToken.None);

        await _members.ReceiveAsync(owner, [.. Enumerable.Range(0, 4).Select(i => From($"Colleague {i}", "Acme", Monday.AddHours(9).AddMinutes(20 * i)))]);

        (await _members.InvitationsAsync(owner)).Should().OnlyContain(i => i.Status == Core.Invitations.InvitationStatus.Pending);
    }
}
