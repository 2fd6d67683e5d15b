using InviteTriage.Core.Senders;

namespace InviteTriage.Core.Detection;

/// <summary>Who sent an invitation, so that the same sender twice counts once.</summary>
public static class SenderKey
{
    public const string NamePrefix = "name:";

    /// <summary>
    /// The normalised profile URL; without one, <c>name:&lt;normalised name&gt;|&lt;company key&gt;</c>. The company
    /// is part of the fallback because a name alone would merge namesakes from different companies.
    /// </summary>
    public static string For(string? profileUrl, string senderName, string? companyKey) =>
        ProfileUrl.Normalize(profileUrl) ?? $"{NamePrefix}{PersonName.Normalize(senderName)}|{companyKey}";
}
