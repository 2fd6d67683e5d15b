using System.Globalization;
using InviteTriage.Core.Detection;
using InviteTriage.Core.Settings;

namespace InviteTriage.Data.Settings;

/// <summary>
/// The tunable numbers of DETECTION.md, as a user submits them, and optionally the user's company lists and the
/// auto-archive rule; a list or rule left null is kept as it is stored.
/// </summary>
public sealed record DetectionParameters(double GapHours, double SpanHours, int MinSenders, double Alpha, double LikelyThreshold)
{
    public const int MaxCompanies = 200;

    public IReadOnlyList<string>? OwnEmployers { get; init; }

    public IReadOnlyList<string>? TrustedCompanies { get; init; }

    public bool? AutoArchiveLikely { get; init; }

    public static DetectionParameters Of(UserSettings settings) =>
        new(settings.GapHours, settings.SpanHours, settings.MinSenders, settings.Alpha, settings.LikelyThreshold)
        {
            OwnEmployers = settings.OwnEmployers,
            TrustedCompanies = settings.TrustedCompanies,
            AutoArchiveLikely = settings.AutoArchiveLikely,
        };

    /// <summary>Every reason these numbers cannot be used; empty when they can.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!(GapHours > 0))
        {
            problems.Add("The gap H must be more than 0 hours.");
        }

        if (!(SpanHours >= GapHours))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"The span S must be at least the gap H ({GapHours} h)."));
        }

        if (MinSenders < 2)
        {
            problems.Add("A flock needs at least 2 senders.");
        }

        if (!(Alpha > 0 && Alpha < 1))
        {
            problems.Add("α must lie strictly between 0 and 1.");
        }

        if (double.IsNaN(LikelyThreshold) || double.IsInfinity(LikelyThreshold))
        {
            problems.Add("The 'likely' threshold must be a number.");
        }

        foreach (var (list, name) in new[] { (OwnEmployers, "own employers"), (TrustedCompanies, "trusted companies") })
        {
            if (list is null)
            {
                continue;
            }

            if (list.Count > MaxCompanies)
            {
                problems.Add($"At most {MaxCompanies} {name}.");
            }

            if (list.FirstOrDefault(c => CompanyKey.Normalize(c) is null) is { } unusable)
            {
                problems.Add($"'{unusable}' in {name} has no letters or digits left once legal suffixes are removed.");
            }
        }

        return problems;
    }
}
