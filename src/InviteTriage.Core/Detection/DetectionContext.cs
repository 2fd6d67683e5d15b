namespace InviteTriage.Core.Detection;

/// <summary>
/// What the detector knows beyond the recipient's own invitations. Per-invitation facts (dismissed flocks,
/// repeats, sender reach) travel on <see cref="DetectionInvitation"/> instead.
/// </summary>
/// <param name="KnownCompanyKeys">Companies of the recipient's existing connections (KNOWN_COMPANY).</param>
/// <param name="PeerFlocks">Flocks of the instance's other members, without the recipient's own (CAMPAIGN_COMPANY).</param>
public sealed record DetectionContext(IReadOnlySet<string> KnownCompanyKeys, IReadOnlyList<PeerFlock> PeerFlocks)
{
    public static DetectionContext Empty { get; } = new(new HashSet<string>(StringComparer.Ordinal), []);
}
