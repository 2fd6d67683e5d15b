using System.Globalization;

namespace InviteTriage.Cli.Tests;

/// <summary>Small files in the generic CSV format of DESIGN.md, with fictional senders.</summary>
public static class InvitationCsv
{
    public const string Header = "sender_name,sent_at,sender_headline,sender_company,sender_profile_url,message,network,external_id";

    /// <summary>The pattern this product is about: four colleagues of one small firm, one morning, generic or no notes.</summary>
    public static IReadOnlyList<string> FourColleagues(string company = "Pellmore Rusk LLP", string day = "2025-11-24") =>
    [
        Row("Ada Fenwick", $"{day}T09:02:00Z", company, "Staff Accountant"),
        Row("Kim Ortega", $"{day}T09:40:00Z", company, "Senior Associate", "I'd like to add you to my professional network on LinkedIn."),
        Row("Lee Marsh", $"{day}T10:31:00Z", company, "Audit Manager"),
        Row("Sam Oduya", $"{day}T11:12:00Z", company, "Tax Senior"),
    ];

    public static string Row(string name, string sentAt, string company, string headline = "", string message = "", string externalId = "") =>
        string.Join(',', name, sentAt, headline, Quoted(company), $"https://www.linkedin.com/in/{name.ToLowerInvariant().Replace(' ', '-')}", Quoted(message), "linkedin", externalId);

    /// <summary>Senders of different companies, one every seven hours from 2024-01-01: many invitations and no flock.</summary>
    public static IEnumerable<string> Unrelated(int count) =>
        Enumerable.Range(1, count).Select(i => Row(
            $"Sender {i}",
            new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(7 * i).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            $"Company {i}"));

    public static string Of(IEnumerable<string> rows) => string.Join('\n', rows.Prepend(Header)) + "\n";

    private static string Quoted(string field) =>
        field.IndexOfAny([',', '"']) >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;
}
