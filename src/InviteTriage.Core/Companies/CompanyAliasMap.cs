namespace InviteTriage.Core.Companies;

/// <summary>A user's aliases as a lookup: every company key an invitation gets passes through <see cref="Resolve"/>.</summary>
public sealed class CompanyAliasMap
{
    private readonly Dictionary<string, string> _canonical;

    public CompanyAliasMap(IEnumerable<CompanyAlias> aliases)
    {
        ArgumentNullException.ThrowIfNull(aliases);
        _canonical = aliases.ToDictionary(a => a.AliasKey, a => a.CanonicalKey, StringComparer.Ordinal);
    }

    public static CompanyAliasMap Empty { get; } = new([]);

    public int Count => _canonical.Count;

    /// <summary>The key detection uses for <paramref name="companyKey"/>: its canonical key when it is an alias, else itself.</summary>
    public string? Resolve(string? companyKey) =>
        companyKey is not null && _canonical.TryGetValue(companyKey, out var canonical) ? canonical : companyKey;
}
