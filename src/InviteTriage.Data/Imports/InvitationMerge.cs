using System.Text.Json;
using InviteTriage.Core.Detection;
using InviteTriage.Core.Invitations;

namespace InviteTriage.Data.Imports;

/// <summary>
/// FORMATS.md's rule for one invitation seen by two sources (an e-mail and an export row): the same owner,
/// <c>sentAt</c> within 15 minutes, and the same profile URL, or, where a side has none, the same sender name.
/// The merged record keeps the richer field of each.
/// </summary>
internal static class InvitationMerge
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public static bool SameInvitation(Invitation a, Invitation b)
    {
        // Only two sources see one invitation; within one source, two rows are two invitations (or a duplicate,
        // which the dedupe keys catch), even from two namesakes in the same quarter of an hour.
        if (a.Source == b.Source || (a.SentAt - b.SentAt).Duration() > Window || !string.Equals(a.Network, b.Network, StringComparison.Ordinal))
        {
            return false;
        }

        if (a.CompanyKey is not null && b.CompanyKey is not null && a.CompanyKey != b.CompanyKey)
        {
            return false;
        }

        return ProfileKey(a) is { } urlA && ProfileKey(b) is { } urlB
            ? urlA == urlB
            : a.SenderNameKey.Length > 0 && a.SenderNameKey == b.SenderNameKey;
    }

    /// <summary>The comparable profile URL: the sender key when it was made from one, else none.</summary>
    public static string? ProfileKey(Invitation invitation) =>
        invitation.SenderKey.StartsWith(SenderKey.NamePrefix, StringComparison.Ordinal) ? null : invitation.SenderKey;

    /// <summary>What a merge may change, as JSON, so that undoing the import can put it back.</summary>
    public static string Snapshot(Invitation invitation) => JsonSerializer.Serialize(Fields.Of(invitation));

    public static void Restore(Invitation invitation, string snapshot)
    {
        var fields = JsonSerializer.Deserialize<Fields>(snapshot) ?? throw new InvalidOperationException("An import merge snapshot is empty.");
        fields.ApplyTo(invitation);
    }

    /// <summary>Fills what <paramref name="target"/> lacks from <paramref name="source"/>; true when anything changed.</summary>
    public static bool Into(Invitation target, Invitation source)
    {
        var before = Fields.Of(target);
        target.ExternalId ??= source.ExternalId;
        target.SenderHeadline ??= source.SenderHeadline;
        target.SenderProfileUrl ??= source.SenderProfileUrl;
        target.AcceptUrl ??= source.AcceptUrl;
        if (string.IsNullOrEmpty(target.Message) && !string.IsNullOrEmpty(source.Message))
        {
            target.Message = source.Message;
            target.MessageClass = source.MessageClass;
        }

        if (target.CompanyKey is null && source.CompanyKey is not null)
        {
            target.Company = source.Company;
            target.CompanyKey = source.CompanyKey;
        }

        // A profile URL is the better sender key; a name-based key changes with the company it includes.
        target.SenderKey = ProfileKey(target) ?? ProfileKey(source) ?? SenderKey.For(null, target.SenderName, target.CompanyKey);
        return Fields.Of(target) != before;
    }

    private sealed record Fields(
        string? ExternalId, string? SenderHeadline, string? SenderProfileUrl, string? AcceptUrl, string? Message,
        MessageClass MessageClass, string? Company, string? CompanyKey, string SenderKey)
    {
        public static Fields Of(Invitation i) =>
            new(i.ExternalId, i.SenderHeadline, i.SenderProfileUrl, i.AcceptUrl, i.Message, i.MessageClass, i.Company, i.CompanyKey, i.SenderKey);

        public void ApplyTo(Invitation i)
        {
            i.ExternalId = ExternalId;
            i.SenderHeadline = SenderHeadline;
            i.SenderProfileUrl = SenderProfileUrl;
            i.AcceptUrl = AcceptUrl;
            i.Message = Message;
            i.MessageClass = MessageClass;
            i.Company = Company;
            i.CompanyKey = CompanyKey;
            i.SenderKey = SenderKey;
        }
    }
}
