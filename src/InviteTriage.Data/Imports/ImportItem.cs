using InviteTriage.Core.Companies;
using InviteTriage.Core.Contacts;
using InviteTriage.Core.Detection;
using InviteTriage.Core.Invitations;
using InviteTriage.Ingest;

namespace InviteTriage.Data.Imports;

/// <summary>
/// One item read by an import, made ready to store: a draft is checked and turned into an invitation, a contact gets
/// its company key, through the user's aliases. This is the CPU-bound part, done while the previous items are written.
/// </summary>
internal readonly record struct ImportItem(IngestItem Read, Invitation? Invitation, KnownContact? Contact, string? Problem)
{
    public static ImportItem Prepare(IngestItem item, string ownerId, long batchId, DateTime now, CompanyAliasMap aliases) => item switch
    {
        IngestDraft { Draft: var draft } => DraftRules.Problem(draft, now) is { } problem
            ? new ImportItem(item, null, null, problem)
            : new ImportItem(item, DraftRules.ToInvitation(draft, ownerId, batchId, now, aliases), null, null),
        IngestContact { Contact: var contact } => new ImportItem(item, null, new KnownContact
        {
            OwnerId = ownerId,
            Name = DraftRules.WithoutNul(contact.Name)!,
            ProfileUrl = DraftRules.WithoutNul(contact.ProfileUrl),
            Company = DraftRules.WithoutNul(contact.Company),
            CompanyKey = aliases.Resolve(CompanyKey.Normalize(DraftRules.WithoutNul(contact.Company))),
            Position = DraftRules.WithoutNul(contact.Position),
            ConnectedOn = contact.ConnectedOn,
            ImportBatchId = batchId,
        }, null),
        _ => new ImportItem(item, null, null, null),
    };
}
