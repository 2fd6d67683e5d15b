namespace InviteTriage.Data;

/// <summary>LIKE patterns built from what a user typed, with the user's own % and _ taken literally.</summary>
internal static class LikePattern
{
    public const string Escape = "\\";

    /// <summary>A pattern for "contains <paramref name="text"/>"; pass <see cref="Escape"/> as the LIKE escape. U+0000 is left out, as the store leaves it out (TextConverter).</summary>
    public static string Contains(string text) =>
        "%" + text.Replace("\0", "", StringComparison.Ordinal).Trim().Replace(Escape, Escape + Escape, StringComparison.Ordinal)
            .Replace("%", Escape + "%", StringComparison.Ordinal)
            .Replace("_", Escape + "_", StringComparison.Ordinal) + "%";
}
