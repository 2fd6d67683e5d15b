using System.Globalization;

namespace InviteTriage.Data.Settings;

/// <summary>The tunable numbers of DETECTION.md, as a user submits them.</summary>
public sealed record DetectionParameters(double GapHours, double SpanHours, int MinSenders, double Alpha, double LikelyThreshold)
{
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

        return problems;
    }
}
