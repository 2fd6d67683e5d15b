using System.Globalization;

namespace InviteTriage.Core.Companies;

/// <summary>
/// Finds companies that are probably one, for the user to confirm. DETECTION.md allows similarity to suggest merges
/// only: nothing here changes a key, and a suggestion takes effect only when the user applies it as an alias.
/// </summary>
public static class CompanySimilarity
{
    /// <summary>Jaro-Winkler similarity of two keys at or above which they are suggested ("acmeholdings", "acmeholding").</summary>
    public const double Threshold = 0.92;

    /// <summary>
    /// Keys shorter than this are too short to compare: "ibm" and "ibx" are near in spelling and unrelated.
    /// It is also the shortest key that may be a prefix of another ("acme" of "acmeglobal").
    /// </summary>
    public const int MinKeyLength = 4;

    /// <summary>
    /// Suggests merges among <paramref name="companies"/>, best first. Each pair's canonical side is the company with
    /// more invitations, so the name the user sees most is kept. Keys are compared, not names: the key has already
    /// dropped case, accents, punctuation and legal suffixes, so what is left to catch is spelling and extra words.
    /// </summary>
    public static IReadOnlyList<AliasSuggestion> Suggest(IReadOnlyList<CompanyCount> companies, int limit)
    {
        ArgumentNullException.ThrowIfNull(companies);
        var candidates = companies.Where(c => c.Key.Length >= MinKeyLength).ToArray();
        var suggestions = new List<AliasSuggestion>();
        for (var i = 0; i < candidates.Length; i++)
        {
            for (var j = i + 1; j < candidates.Length; j++)
            {
                if (Compare(candidates[i], candidates[j]) is { } suggestion)
                {
                    suggestions.Add(suggestion);
                }
            }
        }

        return [.. suggestions
            .OrderByDescending(s => s.Similarity)
            .ThenByDescending(s => s.Alias.Invitations + s.Canonical.Invitations)
            .ThenBy(s => s.Alias.Key, StringComparer.Ordinal)
            .Take(limit)];
    }

    private static AliasSuggestion? Compare(CompanyCount a, CompanyCount b)
    {
        if (a.Key == b.Key)
        {
            return null;
        }

        var (shorter, longer) = a.Key.Length <= b.Key.Length ? (a.Key, b.Key) : (b.Key, a.Key);
        var similarity = JaroWinkler(a.Key, b.Key);
        string why;
        if (longer.StartsWith(shorter, StringComparison.Ordinal))
        {
            why = "one name is the other with words added";
        }
        else if (similarity >= Threshold)
        {
            why = string.Create(CultureInfo.InvariantCulture, $"spelled alike ({similarity * 100:0}%)");
        }
        else
        {
            return null;
        }

        var (alias, canonical) = IsCanonical(a, b) ? (b, a) : (a, b);
        return new AliasSuggestion(alias, canonical, similarity, why);
    }

    // The busier company keeps its name; on a tie the shorter key, then the first in order, so the choice is stable.
    private static bool IsCanonical(CompanyCount a, CompanyCount b) =>
        a.Invitations != b.Invitations ? a.Invitations > b.Invitations
        : a.Key.Length != b.Key.Length ? a.Key.Length < b.Key.Length
        : string.CompareOrdinal(a.Key, b.Key) < 0;

    /// <summary>Jaro-Winkler similarity in [0, 1]: 1 for equal strings, with a bonus for a shared start of up to four characters.</summary>
    public static double JaroWinkler(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length == 0 || b.Length == 0)
        {
            return a.Length == b.Length ? 1 : 0;
        }

        var jaro = Jaro(a, b);
        var prefix = 0;
        while (prefix < Math.Min(4, Math.Min(a.Length, b.Length)) && a[prefix] == b[prefix])
        {
            prefix++;
        }

        return jaro + (prefix * 0.1 * (1 - jaro));
    }

    private static double Jaro(string a, string b)
    {
        var window = Math.Max(0, (Math.Max(a.Length, b.Length) / 2) - 1);
        Span<bool> aMatched = a.Length <= 256 ? stackalloc bool[a.Length] : new bool[a.Length];
        Span<bool> bMatched = b.Length <= 256 ? stackalloc bool[b.Length] : new bool[b.Length];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var from = Math.Max(0, i - window);
            var to = Math.Min(b.Length - 1, i + window);
            for (var j = from; j <= to; j++)
            {
                if (!bMatched[j] && a[i] == b[j])
                {
                    aMatched[i] = bMatched[j] = true;
                    matches++;
                    break;
                }
            }
        }

        if (matches == 0)
        {
            return 0;
        }

        var transpositions = 0;
        var k = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (!aMatched[i])
            {
                continue;
            }

            while (!bMatched[k])
            {
                k++;
            }

            if (a[i] != b[k])
            {
                transpositions++;
            }

            k++;
        }

        double m = matches;
        return ((m / a.Length) + (m / b.Length) + ((m - (transpositions / 2.0)) / m)) / 3;
    }
}
