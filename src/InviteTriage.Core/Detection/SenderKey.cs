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

    /// <summary>
    /// <paramref name="senderKey"/> once its invitation belongs to <paramref name="companyKey"/>: a sender known by
    /// name carries the company, so that part changes; a profile URL does not. Rewriting the stored key, rather than
    /// building it again, keeps it exactly as the import made it.
    /// </summary>
    public static string WithCompany(string senderKey, string? companyKey)
    {
        ArgumentNullException.ThrowIfNull(senderKey);

        // A company key has no punctuation, so the last bar is the separator even when a name holds one.
        return senderKey.StartsWith(NamePrefix, StringComparison.Ordinal) && senderKey.LastIndexOf('|') is var bar and >= 0
            ? string.Concat(senderKey.AsSpan(0, bar + 1), companyKey)
            : senderKey;
    }
}
