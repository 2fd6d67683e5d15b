using InviteTriage.Core.Detection;

namespace InviteTriage.Core.Companies;

/// <summary>
/// Finds companies that are probably one, for the user to confirm. DETECTION.md allows similarity to suggest merges
/// only: nothing here changes a key, and a suggestion takes effect only when the user applies it as an alias.
/// </summary>
/// <remarks>
/// Two signs are used, both strict, because a wrong suggestion costs the user a decision. A typo: the keys are one
/// edit apart (two for long keys), counting a swap of neighbours as one, and starting with the same letter. Words added: the shorter company is the
/// longer one's first words ("Bramton" and "Bramton Systems"). Jaro-Winkler was tried first and suggested firms that
/// only share a first word ("Ravensworth Care", "Ravensworth Creative"), which are common among real companies.
/// </remarks>
public static class CompanySimilarity
{
    /// <summary>
    /// Keys shorter than this are too short to compare: "ibm" and "ibx" are one letter apart and unrelated. It is also
    /// the shortest company that may be another's first words.
    /// </summary>
    public const int MinKeyLength = 5;

    /// <summary>From this length a key may be two edits from another; below it, one.</summary>
    public const int LongKeyLength = 10;

    /// <summary>
    /// Suggests merges among <paramref name="companies"/>, best first. Each pair's canonical side is the company with
    /// more invitations, so the name the user sees most is kept. Keys are compared: they have already dropped case,
    /// accents, punctuation and legal suffixes, so what is left to catch is spelling and extra words.
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

        var (shorter, longer) = a.Key.Length <= b.Key.Length ? (a, b) : (b, a);
        var allowed = shorter.Key.Length >= LongKeyLength ? 2 : 1;
        string why;
        double similarity;
        // A typo rarely takes the first letter, and two names that differ there are usually two firms ("Morrstead", "Lorrstead").
        if (a.Key[0] == b.Key[0] && longer.Key.Length - shorter.Key.Length <= allowed && EditDistance(a.Key, b.Key, allowed) is var distance && distance <= allowed)
        {
            why = distance == 1 ? "one letter apart" : "two letters apart";
            similarity = 1 - ((double)distance / longer.Key.Length);
        }
        else if (longer.Key.StartsWith(shorter.Key, StringComparison.Ordinal) && IsFirstWordsOf(shorter.Key, longer.Name))
        {
            why = "one name is the other with words added";
            similarity = (double)shorter.Key.Length / longer.Key.Length;
        }
        else
        {
            return null;
        }

        var (alias, canonical) = IsCanonical(a, b) ? (b, a) : (a, b);
        return new AliasSuggestion(alias, canonical, similarity, why);
    }

    // Words, not letters: "Ravens" is not "Ravensworth" with words added.
    private static bool IsFirstWordsOf(string key, string name)
    {
        var words = name.Split([' ', ',', '.', '&', '-', '/', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
        for (var count = 1; count < words.Length; count++)
        {
            if (CompanyKey.Normalize(string.Join(' ', words.Take(count))) == key)
            {
                return true;
            }
        }

        return false;
    }

    // The busier company keeps its name; on a tie the shorter key, then the first in order, so the choice is stable.
    private static bool IsCanonical(CompanyCount a, CompanyCount b) =>
        a.Invitations != b.Invitations ? a.Invitations > b.Invitations
        : a.Key.Length != b.Key.Length ? a.Key.Length < b.Key.Length
        : string.CompareOrdinal(a.Key, b.Key) < 0;

    /// <summary>
    /// The edits (insert, delete, substitute, or swap two neighbours) that turn <paramref name="a"/> into
    /// <paramref name="b"/>; any figure above <paramref name="bound"/> is reported as <paramref name="bound"/> + 1,
    /// which lets the walk stop early.
    /// </summary>
    public static int EditDistance(string a, string b, int bound)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (Math.Abs(a.Length - b.Length) > bound)
        {
            return bound + 1;
        }

        var before = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var best = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], before[j - 2] + 1);
                }

                best = Math.Min(best, current[j]);
            }

            if (best > bound)
            {
                return bound + 1;
            }

            (before, previous, current) = (previous, current, before);
        }

        return Math.Min(previous[b.Length], bound + 1);
    }
}
