using System.Globalization;

namespace InviteTriage.Web.Tests.Api;

/// <summary>Invitation drafts as API clients send them.</summary>
internal static class Drafts
{
    public static readonly DateTime Morning = new(2025, 11, 24, 8, 0, 0, DateTimeKind.Utc);

    /// <summary>Four colleagues of one small firm, each with a generic text, within one morning.</summary>
    public static Dictionary<string, object?>[] FourColleagues(string company) =>
    [
        One("Anna Berg", Morning.AddMinutes(5), company),
        One("Jonas Wirth", Morning.AddMinutes(40), company),
        One("Mia Keller", Morning.AddMinutes(85), company),
        One("Paul Roth", Morning.AddMinutes(160), company),
    ];

    public static Dictionary<string, object?> One(string name, DateTime sentAt, string company) => new()
    {
        ["senderName"] = name,
        ["sentAt"] = sentAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["senderHeadline"] = $"Consultant at {company}",
        ["senderCompany"] = company,
        ["senderProfileUrl"] = $"https://www.linkedin.com/in/{Slug(name)}-{Slug(company)}",
        ["message"] = "I'd like to join your LinkedIn network.",
        ["network"] = "linkedin",
    };

    private static string Slug(string text) =>
        new([.. text.ToLowerInvariant().Where(char.IsLetterOrDigit)]);
}
