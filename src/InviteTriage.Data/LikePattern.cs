namespace InviteTriage.Data;

/// <summary>LIKE patterns built from what a user typed, with the user's own % and _ taken literally.</summary>
internal static class LikePattern
{
    public const string Escape = "\\";

    /// <summary>A pattern for "contains <paramref name="text"/>"; pass <see cref="Escape"/> as the LIKE escape.</summary>
    public static string Contains(string text) =>
        "%" + Searched(text).Replace(Escape, Escape + Escape, StringComparison.Ordinal)
            .Replace("%", Escape + "%", StringComparison.Ordinal)
            .Replace("_", Escape + "_", StringComparison.Ordinal) + "%";

    /// <summary>What a search for <paramref name="text"/> looks for: trimmed, and without U+0000, as the store leaves it out (TextConverter).</summary>
    public static string Searched(string text) => text.Replace("\0", "", StringComparison.Ordinal).Trim();
}
