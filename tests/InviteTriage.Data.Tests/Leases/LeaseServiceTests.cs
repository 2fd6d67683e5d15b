using InviteTriage.Data.Leases;
using InviteTriage.Data.Tests.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Data.Tests.Leases;

/// <summary>The lease that keeps the background mailbox sync on one web instance when several share the store.</summary>
public abstract class LeaseServiceTests(TriageStore store)
{
    public sealed class OnSqlite(SqliteStore store) : LeaseServiceTests(store), IClassFixture<SqliteStore>;

    public sealed class OnPostgres(PostgresStore store) : LeaseServiceTests(store), IClassFixture<PostgresStore>;

    private static readonly DateTimeOffset Noon = new(2025, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Term = TimeSpan.FromMinutes(30);

    [Fact]
    public async Task TwoHoldersAtOnce_OneGetsTheLease_EveryTime()
    {
        var first = Leases(Noon);
        var second = Leases(Noon);

        for (var round = 0; round < 25; round++)
        {
            var name = $"race-{round}";
            var taken = await Task.WhenAll(
                Task.Run(() => first.TryTakeAsync(name, "web-1", Term, CancellationToken.None)),
                Task.Run(() => second.TryTakeAsync(name, "web-2", Term, CancellationToken.None)));

            taken.Count(t => t).Should().Be(1, $"round {round}: exactly one of two competing holders takes a free lease");
            (await first.HolderAsync(name, CancellationToken.None)).Should().Be(taken[0] ? "web-1" : "web-2");
        }
    }

    [Fact]
    public async Task ARunningLease_IsRenewedByItsHolder_AndRefusedToAnother()
    {
        var leases = Leases(Noon);
        await leases.TryTakeAsync("sync", "web-1", Term, CancellationToken.None);

        var renewed = await Leases(Noon.AddMinutes(20)).TryTakeAsync("sync", "web-1", Term, CancellationToken.None);
        var other = await Leases(Noon.AddMinutes(40)).TryTakeAsync("sync", "web-2", Term, CancellationToken.None);

        renewed.Should().BeTrue();
        other.Should().BeFalse("web-1 renewed it at 12:20 until 12:50");
        (await Leases(Noon.AddMinutes(40)).HolderAsync("sync", CancellationToken.None)).Should().Be("web-1");
    }

    [Fact]
    public async Task ALeaseItsHolderStoppedRenewing_IsTakenOverOnceItRunsOut()
    {
        await Leases(Noon).TryTakeAsync("takeover", "web-1", Term, CancellationToken.None);

        var early = await Leases(Noon.AddMinutes(29)).TryTakeAsync("takeover", "web-2", Term, CancellationToken.None);
        var late = await Leases(Noon.AddMinutes(31)).TryTakeAsync("takeover", "web-2", Term, CancellationToken.None);
        var back = await Leases(Noon.AddMinutes(32)).TryTakeAsync("takeover", "web-1", Term, CancellationToken.None);

        (early, late, back).Should().Be((false, true, false));
    }

    [Fact]
    public async Task AReleasedLease_IsFreeAtOnce_ButOnlyItsHolderCanReleaseIt()
    {
        var leases = Leases(Noon);
        await leases.TryTakeAsync("release", "web-1", Term, CancellationToken.None);

        await leases.ReleaseAsync("release", "web-2", CancellationToken.None);
        var whileHeld = await leases.TryTakeAsync("release", "web-2", Term, CancellationToken.None);
        await leases.ReleaseAsync("release", "web-1", CancellationToken.None);
        var afterRelease = await leases.TryTakeAsync("release", "web-2", Term, CancellationToken.None);

        (whileHeld, afterRelease).Should().Be((false, true));
    }

    private LeaseService Leases(DateTimeOffset now) =>
        new(store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>(), new FixedTime(now));
}
