using System.Globalization;
using System.Text;

namespace InviteTriage.Core.Senders;

/// <summary>Person names as FORMATS.md says to compare them: "Kim Ortega, CPA" and "kim ortega" are one name.</summary>
public static class PersonName
{
    /// <summary>Casefolds, strips accents, cuts at the first comma or " - ", drops emoji and collapses spaces.</summary>
    public static string Normalize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return string.Empty;
        }

        var text = name;
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            text = text[..comma];
        }

        var dash = text.IndexOf(" - ", StringComparison.Ordinal);
        if (dash >= 0)
        {
            text = text[..dash];
        }

        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            // Emoji arrive as surrogate pairs or symbols; they are decoration, not part of a name.
            if (char.IsSurrogate(c) || category is UnicodeCategory.OtherSymbol or UnicodeCategory.Format)
            {
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
