using System.Globalization;
using InviteTriage.Core.Detection;
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

    // Companies as the user typed them, trimmed, each once whatever its spelling ("Acme" and "ACME, Inc." are one).
    private static List<string> Tidy(IEnumerable<string> companies) =>
        [.. companies.Select(c => c.Trim()).Where(c => c.Length > 0).DistinctBy(CompanyKey.Normalize, StringComparer.Ordinal)];

    private static string Describe(UserSettings s) =>
        string.Create(CultureInfo.InvariantCulture, $"H {s.GapHours} h, S {s.SpanHours} h, N {s.MinSenders}, α {s.Alpha:G3}, likely ≥ {s.LikelyThreshold}")
        + $", own employers [{string.Join(", ", s.OwnEmployers)}], trusted [{string.Join(", ", s.TrustedCompanies)}], auto-archive {(s.AutoArchiveLikely ? "on" : "off")}";
}
