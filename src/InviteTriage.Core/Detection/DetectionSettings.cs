using InviteTriage.Core.Settings;

namespace InviteTriage.Core.Detection;

/// <summary>The detector's parameters: H, S, N, α, the "likely" threshold and the user's company lists as keys.</summary>
public sealed record DetectionSettings(
    double GapHours,
    double SpanHours,
    int MinSenders,
    double Alpha,
    double LikelyThreshold,
    IReadOnlySet<string> OwnCompanyKeys,
    IReadOnlySet<string> TrustedCompanyKeys)
{
    public static DetectionSettings Default { get; } = new(24, 72, 3, 1e-4, 6, EmptyKeys(), EmptyKeys());

    public TimeSpan Gap => TimeSpan.FromHours(GapHours);

    public TimeSpan Span => TimeSpan.FromHours(SpanHours);

    public static DetectionSettings From(UserSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new(
            settings.GapHours,
            settings.SpanHours,
            settings.MinSenders,
            settings.Alpha,
            settings.LikelyThreshold,
            Keys(settings.OwnEmployers),
            Keys(settings.TrustedCompanies));
    }

    // Settings hold companies as the user typed them; normalising here makes "Acme, Inc." match the key "acme".
    private static HashSet<string> Keys(IEnumerable<string> companies) =>
        companies.Select(CompanyKey.Normalize).OfType<string>().ToHashSet(StringComparer.Ordinal);

    private static HashSet<string> EmptyKeys() => new(StringComparer.Ordinal);
}
