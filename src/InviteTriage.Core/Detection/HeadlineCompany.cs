using System.Text.RegularExpressions;

namespace InviteTriage.Core.Detection;

/// <summary>The company named in a free-text headline (DETECTION.md, "Headline → company").</summary>
public static partial class HeadlineCompany
{
    private static readonly HashSet<string> Credentials = new(StringComparer.OrdinalIgnoreCase)
    {
        "CPA", "MBA", "PMP", "CFA", "PhD", "CISSP", "FRM", "CMA", "CIA", "CISA", "CISM", "CFP", "CAIA", "ACCA",
        "ACA", "FCA", "CA", "CGMA", "EA", "CFE", "CRISC", "CSM", "PE", "JD", "MD", "MSc", "MS", "MA", "BSc", "BS",
        "BA", "BCom", "LLM", "CPA/CITP", "CITP", "SHRM-CP", "SHRM-SCP", "PHR", "SPHR", "ITIL", "CCNA", "CCNP",
    };

    /// <summary>Null when the headline names no company; a company is never guessed.</summary>
    public static string? Parse(string? headline)
    {
        if (string.IsNullOrWhiteSpace(headline))
        {
            return null;
        }

        var parts = headline.Split(['|', '•', '·'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(part => !IsCredentialsOnly(part))
            .ToList();

        return FirstCompany(parts, AtCompany()) ?? FirstCompany(parts, DashCompany());
    }

    private static string? FirstCompany(List<string> parts, Regex pattern)
    {
        foreach (var part in parts)
        {
            var match = pattern.Match(part);
            if (!match.Success)
            {
                continue;
            }

            var company = match.Groups["company"].Value.Trim().TrimEnd(',', ';', ':').Trim();
            if (company.Length > 0 && !IsCredentialsOnly(company))
            {
                return company;
            }
        }

        return null;
    }

    private static bool IsCredentialsOnly(string text)
    {
        var words = text.Split([' ', ',', ';', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0 && words.All(word => Credentials.Contains(word.TrimEnd('.').Replace(".", "", StringComparison.Ordinal)));
    }

    // "@" needs a space before it so that an e-mail address is not read as "title @ company".
    [GeneratedRegex(@"^(?<title>\S.*?)(?:\s+at\s+|\s+@\s*)(?<company>\S.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AtCompany();

    // Greedy title: in "Manager - Tax - Blum Shapiro" the company is the last segment.
    [GeneratedRegex(@"^(?<title>\S.*)\s+[-–—]\s+(?<company>\S.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex DashCompany();
}
