using System.Globalization;
using System.Text;

namespace InviteTriage.Core.Detection;

/// <summary>The company key the detector groups by (DETECTION.md, "Keys").</summary>
public static class CompanyKey
{
    // Token sequences as they look after punctuation is handled ("P.C." is "pc", "& Co." is "and co").
    // Sorted longest first so that "pty ltd" wins over "ltd" and "and company" over "company".
    private static readonly string[][] LegalSuffixes =
    [
        .. new[]
        {
            "inc", "incorporated", "corp", "corporation", "co", "and co", "company", "and company",
            "llc", "llp", "lllp", "lp", "pllc", "pc", "pa", "ltd", "limited", "plc",
            "co ltd", "company limited", "pty ltd", "pty", "pte ltd", "pvt ltd", "private limited",
            "gmbh", "gmbh and co kg", "mbh", "kg", "ohg", "ug", "ag", "se", "sa", "sas", "sarl", "srl", "sl",
            "bv", "nv", "ab", "asa", "oy", "oyj", "aps", "a s", "kk", "ltda",
        }
        .Select(suffix => suffix.Split(' '))
        .OrderByDescending(tokens => tokens.Length)
        .ThenBy(tokens => string.Join(' ', tokens), StringComparer.Ordinal),
    ];

    /// <summary>
    /// NFKC, casefold, strip accents, "&amp;" to "and", delete periods and apostrophes, other punctuation to
    /// spaces, drop a leading "the", strip legal suffixes, remove spaces. Null when nothing is left.
    /// </summary>
    public static string? Normalize(string? company)
    {
        if (string.IsNullOrWhiteSpace(company))
        {
            return null;
        }

        var tokens = Tokenize(company);
        if (tokens.Count > 1 && tokens[0] == "the")
        {
            tokens.RemoveAt(0);
        }

        while (TryStripSuffix(tokens))
        {
        }

        var key = string.Concat(tokens);
        return key.Length == 0 ? null : key;
    }

    private static List<string> Tokenize(string company)
    {
        // Folding again after the accents go: "İ" has no invariant lower case and only decomposes to "I".
        var folded = CaseFold(StripAccents(CaseFold(company.Normalize(NormalizationForm.FormKC))));
        var words = new StringBuilder(folded.Length + 8);
        foreach (var rune in folded.EnumerateRunes())
        {
            if (rune.Value == '&')
            {
                words.Append(" and ");
            }
            else if (rune.Value is '.' or '\'' or '\u2019' or '\u2018' or '\u02BC' or '`')
            {
                // Deleted rather than spaced so that "P.C." stays one word and "O'Neil" stays "oneil".
                continue;
            }
            else if (Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) == UnicodeCategory.SpacingCombiningMark)
            {
                words.Append(rune.ToString());
            }
            else
            {
                words.Append(' ');
            }
        }

        return [.. words.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)];
    }

    // A suffix that is the whole name ("AG", "Co") is the name, so at least one word always stays.
    private static bool TryStripSuffix(List<string> tokens)
    {
        foreach (var suffix in LegalSuffixes)
        {
            if (tokens.Count > suffix.Length && EndsWith(tokens, suffix))
            {
                tokens.RemoveRange(tokens.Count - suffix.Length, suffix.Length);
                return true;
            }
        }

        return false;
    }

    private static bool EndsWith(List<string> tokens, string[] suffix)
    {
        var offset = tokens.Count - suffix.Length;
        for (var i = 0; i < suffix.Length; i++)
        {
            if (!string.Equals(tokens[offset + i], suffix[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    // .NET only has simple case mapping; these are the full-casefold cases that occur in company names.
    private static string CaseFold(string text) =>
        text.ToLowerInvariant().Replace("ß", "ss", StringComparison.Ordinal).Replace('ς', 'σ');

    private static string StripAccents(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            // Letters with a stroke do not decompose, yet users type them with and without it.
            builder.Append(c switch
            {
                'ø' => 'o',
                'ł' => 'l',
                'đ' => 'd',
                _ => c,
            });
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
