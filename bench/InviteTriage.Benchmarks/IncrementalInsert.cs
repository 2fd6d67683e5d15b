using InviteTriage.Core.Detection;
using InviteTriage.Core.Invitations;
using InviteTriage.Data;
using InviteTriage.Data.Detection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Benchmarks;

/// <summary>One new invitation arriving in a filled store: stored, then detected around, as the import service does.</summary>
internal sealed class IncrementalInsert(BenchStore store, int seed, bool newest = false)
{
    private readonly Random _random = new(seed);
    private readonly IDbContextFactory<TriageDbContext> _factory = store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>();
    private readonly FlockDetectionService _detection = store.Services.GetRequiredService<FlockDetectionService>();

    /// <summary>Stores one invitation and returns what detection needs to hear about it, as the import service does.</summary>
    public async Task<Arrival> StoreOneAsync()
    {
        var owner = store.Owners[_random.Next(store.Owners.Count)];
        var coverageBefore = await _detection.CoverageAsync(owner, CancellationToken.None);
        // Either anywhere in the data (a late-found e-mail, an older export) or, as most arrivals are, the newest.
        var span = store.Latest - store.Earliest;
        var sentAt = newest && coverageBefore is { } covered
            ? covered.Latest.AddDays(-1).AddMinutes(_random.Next(27 * 60))
            : store.Earliest + TimeSpan.FromTicks((long)(span.Ticks * _random.NextDouble()));
        var company = $"company{_random.Next(1, 200)}";
        var invitation = new Invitation
        {
            OwnerId = owner,
            SenderName = "New Sender",
            Company = company,
            CompanyKey = company,
            SenderKey = $"https://www.linkedin.com/in/new-{Guid.NewGuid():N}",
            SentAt = sentAt,
            SentMinute = (long)(sentAt - DateTime.UnixEpoch).TotalMinutes,
            ReceivedAt = sentAt,
            UpdatedAt = sentAt,
        };
        await using var db = await _factory.CreateDbContextAsync();
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync();
        return new Arrival(owner, new InvitationChange(company, sentAt), coverageBefore);
    }

    /// <summary>How many history events the store holds, every member's; detection writes one for each flock it changes.</summary>
    public async Task<int> HistoryCountAsync()
    {
        await using var db = await _factory.CreateDbContextAsync();
        return await db.FlagEvents.CountAsync();
    }

    public Task DetectAsync(Arrival arrival) =>
        _detection.DetectAroundAsync(arrival.Owner, [arrival.Change], arrival.CoverageBefore, CancellationToken.None);

    public sealed record Arrival(string Owner, InvitationChange Change, DataCoverage? CoverageBefore);
}
