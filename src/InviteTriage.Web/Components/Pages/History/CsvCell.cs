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

    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var text = FormulaStarts.Contains(value[0]) ? "'" + value : value;
        return text.AsSpan().ContainsAny(NeedsQuotes) ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
