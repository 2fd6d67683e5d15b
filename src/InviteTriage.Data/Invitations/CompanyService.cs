using InviteTriage.Core.Detection;
using InviteTriage.Core.History;
using InviteTriage.Data.Companies;
using InviteTriage.Data.Database;
using InviteTriage.Data.Detection;
using InviteTriage.Data.Triage;
using Microsoft.EntityFrameworkCore;

namespace InviteTriage.Data.Invitations;

/// <summary>
/// The user names an invitation's company, usually one the headline did not give. The invitation then belongs to
/// that company's timeline, so detection looks at both the company it left and the one it joined.
/// </summary>
public sealed class CompanyService(IDbContextFactory<TriageDbContext> dbFactory, FlockDetectionService detection, TimeProvider time)
{
    public const int MaxLength = 400;

    public async Task<TriageResult> SetCompanyAsync(string ownerId, string actor, long invitationId, string? company, CancellationToken cancellationToken)
    {
        var name = company?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return TriageResult.Invalid("company: name the company.");
        }

        if (name.Length > MaxLength)
        {
            return TriageResult.Invalid($"company: at most {MaxLength} characters.");
        }

        if (CompanyKey.Normalize(name) is not { } ownKey)
        {
            return TriageResult.Invalid($"company: '{name}' has no letters or digits left once legal suffixes are removed.");
        }

        var coverage = await detection.CoverageAsync(ownerId, cancellationToken);
        InvitationChange left;
        string key, senderBefore;
        long eventId;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            // Reads and write in one transaction, so that an alias made meanwhile cannot be missed.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId && i.OwnerId == ownerId, cancellationToken);
            if (invitation is null)
            {
                return TriageResult.NotFound($"There is no invitation {invitationId} of yours.");
            }

            if (invitation.Company == name)
            {
                return TriageResult.Done($"{invitation.SenderName} is already at {name}.", null, 0);
            }

            // A company the user has merged into another joins that one, as it would arriving in an import.
            key = (await CompanyAliasService.MapAsync(db, ownerId, cancellationToken)).Resolve(ownKey)!;
            left = new InvitationChange(invitation.CompanyKey, invitation.SentAt);
            senderBefore = invitation.SenderKey;
            var before = invitation.Company;
            invitation.Company = name;
            invitation.CompanyKey = key;

            // Without a profile URL the sender is known by name and company, so the key follows the company. A key made
            // from a profile link stays: e-mails' /profile/view links are not keys, and rebuilding one from them would be.
            invitation.SenderKey = SenderKey.WithCompany(invitation.SenderKey, key);
            invitation.UpdatedAt = time.GetUtcNow().UtcDateTime;
            var flagEvent = new FlagEvent
            {
                OwnerId = ownerId,
                Kind = FlagEventKind.CompanySet,
                Actor = actor,
                OccurredAt = invitation.UpdatedAt,
                Summary = $"Company of {invitation.SenderName} set to {name}",
                Changes = [new FlagEventChange { InvitationId = invitation.Id, Before = before, After = name }],
            };
            db.FlagEvents.Add(flagEvent);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            // The store\'s dedupe index refused the new sender key.
            catch (DbUpdateException ex) when (StoreErrors.IsUniqueViolation(ex))
            {
                return TriageResult.Invalid(
                    $"{invitation.SenderName} already has an invitation at {name} sent the same minute; this one is a duplicate of it. Archive it instead.");
            }

            await transaction.CommitAsync(cancellationToken);
            eventId = flagEvent.Id;
        }

        await detection.DetectAroundAsync(ownerId, [left, new InvitationChange(key, left.SentAt)], coverage, cancellationToken, replacedSenders: [(senderBefore, left.SentAt)]);
        return TriageResult.Done($"Company set to {name}; detection looked at it again.", eventId, 1);
    }
}
