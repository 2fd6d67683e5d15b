using InviteTriage.Core.History;
using InviteTriage.Data.Settings;
using Microsoft.Extensions.DependencyInjection;
using static InviteTriage.Data.Tests.Members;

namespace InviteTriage.Data.Tests.Settings;

public sealed class SettingsServiceTests : IClassFixture<TriageStore>
{
    private readonly Members _members;
    private readonly SettingsService _settings;

    public SettingsServiceTests(TriageStore store)
    {
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
}
