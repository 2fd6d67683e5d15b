using InviteTriage.Core.Invitations;

namespace InviteTriage.Data.Imports;

/// <summary>
/// The owner's dedupe keys (FORMATS.md) in memory, for as long as a bulk import has set the store's unique indexes aside
/// (<see cref="DeferredIndexes"/>): the external id where there is one, else the sender and the minute, exactly the two
/// unique filtered indexes. Kept as 128-bit hashes (<see cref="MinuteKeys"/>), about 40 MB for a million. Building the
/// unique indexes again at the end is the check: a duplicate that got past these would fail the import whole.
/// </summary>
internal sealed class DedupeKeys
{
    private readonly MinuteKeys _externalIds = new();
    private readonly MinuteKeys _minutes = new();

    public void Add(string network, string? externalId, string senderKey, long sentMinute)
    {
        if (externalId is null)
        {
            _minutes.Add(network, senderKey, sentMinute);
        }
        else
        {
            // The external id takes the sender key's place; no minute is part of that key.
            _externalIds.Add(network, externalId, 0);
        }
    }

    public void Add(Invitation invitation) => Add(invitation.Network, invitation.ExternalId, invitation.SenderKey, invitation.SentMinute);

    /// <summary>Whether the store, or this import so far, holds an invitation with this one's dedupe key.</summary>
    public bool Contains(Invitation invitation) => invitation.ExternalId is { } externalId
        ? _externalIds.Contains(invitation.Network, externalId, 0)
        : _minutes.Contains(invitation.Network, invitation.SenderKey, invitation.SentMinute);
}
