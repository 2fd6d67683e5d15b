using InviteTriage.Core.Companies;
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

    /// <summary>The settings as the detector reads them; company lists go through the user's aliases, like invitations' keys do.</summary>
    public static DetectionSettings From(UserSettings settings, CompanyAliasMap? aliases = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        aliases ??= CompanyAliasMap.Empty;
        return new(
            settings.GapHours,
            settings.SpanHours,
            settings.MinSenders,
            settings.Alpha,
            settings.LikelyThreshold,
            Keys(settings.OwnEmployers, aliases),
            Keys(settings.TrustedCompanies, aliases));
    }

    // Settings hold companies as the user typed them; normalising here makes "Acme, Inc." match the key "acme".
    // An alias does the same, so that trusting "Acme Intl" still holds once it is merged into "Acme".
    private static HashSet<string> Keys(IEnumerable<string> companies, CompanyAliasMap aliases) =>
        companies.Select(c => aliases.Resolve(CompanyKey.Normalize(c))).OfType<string>().ToHashSet(StringComparer.Ordinal);

    private static HashSet<string> EmptyKeys() => new(StringComparer.Ordinal);
}
