namespace InviteTriage.Core.Detection;

/// <summary>
/// The expectation-based Poisson scan statistic of DETECTION.md: is this many senders in this span surprising,
/// given how often the company usually invites this recipient?
/// </summary>
public static class SurpriseTest
{
    public const double BaselineDays = 90;
    public const double MinBaselineHours = 7 * 24;

    // Most companies never invite you, so even a few days of data give a low but non-zero rate.
    public const double Prior = 0.1;

    private static readonly TimeSpan BaselineReach = TimeSpan.FromDays(BaselineDays);

    public static SurpriseResult Evaluate(
        DateTime first,
        DateTime last,
        int senderCount,
        int baseline,
        DataCoverage coverage,
        DetectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(coverage);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(last, first);
        ArgumentOutOfRangeException.ThrowIfNegative(baseline);

        var hours = BaselineHours(first, last, coverage);
        var lambda = (baseline + Prior) / hours;
        var mu = lambda * Math.Max((last - first).TotalHours, settings.GapHours);
        var p = PoissonUpperTail(mu, senderCount);
        return new SurpriseResult(baseline, hours, lambda, mu, senderCount, p, p <= settings.Alpha);
    }

    /// <summary>
    /// B: how many of the company's invitations fall in [first − 90 d, first) or (last, last + 90 d].
    /// <paramref name="companySentAts"/> must be in ascending order; the candidate's own members may be in it,
    /// as they lie in [first, last] and are never counted.
    /// </summary>
    public static int CountBaseline(IReadOnlyList<DateTime> companySentAts, DateTime first, DateTime last)
    {
        ArgumentNullException.ThrowIfNull(companySentAts);
        var before = FirstIndex(companySentAts, at => at >= first) - FirstIndex(companySentAts, at => at >= Minus(first, BaselineReach));
        var after = FirstIndex(companySentAts, at => at > Plus(last, BaselineReach)) - FirstIndex(companySentAts, at => at > last);
        return before + after;
    }

    /// <summary>The length of the baseline window once clipped to the data's coverage, with the 7-day floor.</summary>
    public static double BaselineHours(DateTime first, DateTime last, DataCoverage coverage)
    {
        ArgumentNullException.ThrowIfNull(coverage);
        var before = Overlap(Minus(first, BaselineReach), first, coverage);
        var after = Overlap(last, Plus(last, BaselineReach), coverage);
        return Math.Max(MinBaselineHours, (before + after).TotalHours);
    }

    /// <summary>P(X ≥ n) for X ~ Poisson(μ), accurate also for tiny μ and large n.</summary>
    public static double PoissonUpperTail(double mu, int n)
    {
        if (double.IsNaN(mu) || mu < 0 || double.IsInfinity(mu))
        {
            throw new ArgumentOutOfRangeException(nameof(mu), mu, "μ must be a finite number ≥ 0.");
        }

        if (n <= 0)
        {
            return 1;
        }

        if (mu == 0)
        {
            return 0;
        }

        if (n <= mu)
        {
            // The tail is then at least about one half, so 1 − CDF loses nothing to cancellation.
            var lower = 0.0;
            for (var k = 0; k < n; k++)
            {
                lower += Math.Exp(LogPoissonTerm(mu, k));
            }

            return Math.Clamp(1 - lower, 0, 1);
        }

        // Sum the tail itself: terms shrink by μ/(k+1) < 1, and the leading term stays in log space so that it
        // cannot underflow before the sum is formed.
        var sum = 1.0;
        var term = 1.0;
        for (var k = n + 1; term > sum * 1e-17; k++)
        {
            term *= mu / k;
            sum += term;
        }

        return Math.Min(1, Math.Exp(LogPoissonTerm(mu, n) + Math.Log(sum)));
    }

    private static double LogPoissonTerm(double mu, int k) => -mu + (k * Math.Log(mu)) - LogFactorial(k);

    private static double LogFactorial(int n)
    {
        if (n <= 256)
        {
            var sum = 0.0;
            for (var k = 2; k <= n; k++)
            {
                sum += Math.Log(k);
            }

            return sum;
        }

        // Stirling's series; beyond 256 its first terms are exact to double precision.
        double x = n;
        return (x * Math.Log(x)) - x + (0.5 * Math.Log(2 * Math.PI * x)) + (1 / (12 * x)) - (1 / (360 * x * x * x));
    }

    private static TimeSpan Overlap(DateTime from, DateTime to, DataCoverage coverage)
    {
        var start = from > coverage.Earliest ? from : coverage.Earliest;
        var end = to < coverage.Latest ? to : coverage.Latest;
        return end > start ? end - start : TimeSpan.Zero;
    }

    private static int FirstIndex(IReadOnlyList<DateTime> sorted, Func<DateTime, bool> isPast)
    {
        var low = 0;
        var high = sorted.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (isPast(sorted[middle]))
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    private static DateTime Minus(DateTime at, TimeSpan span) =>
        at.Ticks - DateTime.MinValue.Ticks < span.Ticks ? DateTime.MinValue : at - span;

    private static DateTime Plus(DateTime at, TimeSpan span) =>
        DateTime.MaxValue.Ticks - at.Ticks < span.Ticks ? DateTime.MaxValue : at + span;
}
