using System.Buffers;

namespace InviteTriage.Web.Components.Pages.History;

/// <summary>
/// One cell of an exported CSV file. A spreadsheet runs a cell that starts with <c>=</c>, <c>+</c>, <c>-</c> or
/// <c>@</c> (and, in some, a tab or a carriage return) as a formula, so such text, which may come from an invitation's
/// sender, is prefixed with a single quote; quoting then follows RFC 4180.
/// </summary>
// Public only so that the web tests, which see no internals of this assembly, can pin it down.
public static class CsvCell
{
    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r");
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    /// <summary>
    /// Where a spreadsheet splits on semicolons (many European locales), text after a ';' starts a new cell, so a
    /// formula there is guarded the same way: "a;=X" becomes "a;'=X".
    /// </summary>
    private static string GuardSemicolons(string text)
    {
        if (!text.Contains(';', StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new System.Text.StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            builder.Append(text[i]);
            if (text[i] == ';' && i + 1 < text.Length && FormulaStarts.Contains(text[i + 1]))
            {
                builder.Append('\'');
            }
        }

        return builder.ToString();
    }

    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var text = FormulaStarts.Contains(value[0]) ? "'" + value : value;
        text = GuardSemicolons(text);
        return text.AsSpan().ContainsAny(NeedsQuotes) ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
