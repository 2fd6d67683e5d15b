using System.Globalization;
using InviteTriage.Core.Detection;
using InviteTriage.Core.Flocks;
using InviteTriage.Core.History;
using InviteTriage.Core.Settings;
using InviteTriage.Data.Detection;
using Microsoft.EntityFrameworkCore;

namespace InviteTriage.Data.Settings;

/// <summary>A user's detection settings: read with their defaults, changed only when valid, then flocks rebuilt.</summary>
public sealed class SettingsService(IDbContextFactory<TriageDbContext> dbFactory, FlockDetectionService detection, TimeProvider time)
{
    public async Task<UserSettings> GetAsync(string ownerId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.UserSettings.AsNoTracking().SingleOrDefaultAsync(s => s.OwnerId == ownerId, cancellationToken)
            ?? new UserSettings { OwnerId = ownerId };
    }

    /// <summary>
    /// Stores new detection parameters and rebuilds the user's flocks; decisions already made are kept. Out-of-range
    /// numbers are refused with every reason, and the stored settings stay as they were.
    /// </summary>
    public async Task<IReadOnlyList<string>> UpdateDetectionAsync(string ownerId, string actor, DetectionParameters parameters, CancellationToken cancellationToken)
    {
        var problems = parameters.Problems();
        if (problems.Count > 0)
        {
            return problems;
        }

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var settings = await db.UserSettings.SingleOrDefaultAsync(s => s.OwnerId == ownerId, cancellationToken);
            if (settings is null)
            {
                settings = new UserSettings { OwnerId = ownerId };
                db.UserSettings.Add(settings);
            }

            var before = Describe(settings);
            settings.GapHours = parameters.GapHours;
            settings.SpanHours = parameters.SpanHours;
            settings.MinSenders = parameters.MinSenders;
            settings.Alpha = parameters.Alpha;
            settings.LikelyThreshold = parameters.LikelyThreshold;
            if (parameters.OwnEmployers is { } own)
            {
                settings.OwnEmployers = Tidy(own);
            }

            if (parameters.TrustedCompanies is { } trusted)
            {
                settings.TrustedCompanies = Tidy(trusted);
            }

            if (parameters.AutoArchiveLikely is { } autoArchive)
            {
                settings.AutoArchiveLikely = autoArchive;
            }

            settings.UpdatedAt = time.GetUtcNow().UtcDateTime;
            db.FlagEvents.Add(new FlagEvent
            {
                OwnerId = ownerId,
                Kind = FlagEventKind.SettingsChanged,
                Actor = actor,
                OccurredAt = settings.UpdatedAt,
                Summary = $"Detection settings changed from {before} to {Describe(settings)}",
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        await detection.RebuildAsync(ownerId, cancellationToken);
        return [];
    }

    /// <summary>
    /// What the detector would find with <paramref name="parameters"/>, stored nothing. Numbers it cannot use give
    /// their reasons instead.
    /// </summary>
    public async Task<(DetectionPreview? Preview, IReadOnlyList<string> Problems)> PreviewAsync(
        string ownerId, DetectionParameters parameters, CancellationToken cancellationToken)
    {
        var problems = parameters.Problems();
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var stored = await GetAsync(ownerId, cancellationToken);
        var settings = new UserSettings
        {
            OwnerId = ownerId,
            GapHours = parameters.GapHours,
            SpanHours = parameters.SpanHours,
            MinSenders = parameters.MinSenders,
            Alpha = parameters.Alpha,
            LikelyThreshold = parameters.LikelyThreshold,
            OwnEmployers = [.. parameters.OwnEmployers ?? stored.OwnEmployers],
            TrustedCompanies = [.. parameters.TrustedCompanies ?? stored.TrustedCompanies],
        };
        return (await detection.PreviewAsync(ownerId, settings, cancellationToken), []);
    }

    /// <summary>
    /// What detection found with the saved settings, from the stored flocks: the live ones (open and resolved), the
    /// likely among them, and their members. It is what <see cref="PreviewAsync"/> counts for the saved settings, since
    /// every change to the data or the settings is detected as it is stored; dismissed and withdrawn flocks are what
    /// detection no longer finds. One aggregate over the owner's flocks, where a preview reads every invitation.
    /// </summary>
    public async Task<DetectionPreview> CurrentAsync(string ownerId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var live = db.Flocks.Where(f => f.OwnerId == ownerId && (f.Status == FlockStatus.Open || f.Status == FlockStatus.Resolved));
        var counts = await live
            .GroupBy(f => f.OwnerId)
            .Select(g => new { Flocks = g.Count(), Likely = g.Count(f => f.Severity == FlockSeverity.Likely) })
            .SingleOrDefaultAsync(cancellationToken);
        if (counts is null)
        {
            return new DetectionPreview(0, 0, 0);
        }

        var members = await live.SelectMany(f => f.Members).CountAsync(cancellationToken);
        return new DetectionPreview(counts.Flocks, counts.Likely, members);
    }

    // Companies as the user typed them, trimmed, each once whatever its spelling ("Acme" and "ACME, Inc." are one).
    private static List<string> Tidy(IEnumerable<string> companies) =>
        [.. companies.Select(c => c.Trim()).Where(c => c.Length > 0).DistinctBy(CompanyKey.Normalize, StringComparer.Ordinal)];

    private static string Describe(UserSettings s) =>
        string.Create(CultureInfo.InvariantCulture, $"H {s.GapHours} h, S {s.SpanHours} h, N {s.MinSenders}, α {s.Alpha:G3}, likely ≥ {s.LikelyThreshold}")
        + $", own employers [{string.Join(", ", s.OwnEmployers)}], trusted [{string.Join(", ", s.TrustedCompanies)}], auto-archive {(s.AutoArchiveLikely ? "on" : "off")}";
}
