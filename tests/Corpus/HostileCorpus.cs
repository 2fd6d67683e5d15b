using System.Text.RegularExpressions;

namespace InviteTriage.Corpus;

/// <summary>
/// Every file of the hostile input corpus with the outcome it must have. The committed files take their outcome from
/// their folder; the generated ones are listed in <see cref="GeneratedFiles"/>.
/// </summary>
public static partial class HostileCorpus
{
    /// <summary>
    /// How long one file may take through one path before the test calls it a hang. Generous, because the machines that
    /// run the suite are small and shared; a quadratic reader takes minutes on the bait files, not seconds.
    /// </summary>
    public static readonly TimeSpan TimeoutPerFile = TimeSpan.FromSeconds(90);

    private static readonly Lazy<IReadOnlyDictionary<string, CorpusFile>> ByName = new(Load);

    public static IReadOnlyCollection<CorpusFile> Files => [.. ByName.Value.Values];

    /// <summary>The names, for <c>[MemberData]</c>: one test case per file, named after it.</summary>
    public static IEnumerable<object[]> Names => ByName.Value.Keys.Order(StringComparer.Ordinal).Select(name => new object[] { name });

    public static CorpusFile Get(string name) => ByName.Value[name];

    /// <summary>
    /// Whether a message reports a rejected row of <paramref name="fileName"/> as FORMATS.md asks: <c>file:line: reason</c>,
    /// where the file may be a zip entry (<c>export.zip/Invitations.csv</c>) and the line a message or element number.
    /// </summary>
    public static bool IsRejectionOf(string message, string fileName)
    {
        var match = RejectionLine().Match(message);
        return match.Success && match.Groups["file"].Value.Contains(fileName, StringComparison.Ordinal);
    }

    private static Dictionary<string, CorpusFile> Load()
    {
        var root = Path.Combine(AppContext.BaseDirectory, "Corpus");
        var files = new Dictionary<string, CorpusFile>(StringComparer.Ordinal);
        foreach (var outcome in Enum.GetValues<CorpusOutcome>())
        {
            var folder = Path.Combine(root, outcome.ToString().ToLowerInvariant());
            foreach (var path in Directory.EnumerateFiles(folder))
            {
                var name = Path.GetRelativePath(root, path).Replace('\\', '/');
                files.Add(name, new CorpusFile(name, outcome));
            }
        }

        foreach (var generated in GeneratedFiles.All)
        {
            files.Add(generated.Name, generated);
        }

        return files;
    }

    [GeneratedRegex(@"^(?<file>[^\r\n]+?):(\d+|message \d+|element \d+): \S")]
    private static partial Regex RejectionLine();
}
