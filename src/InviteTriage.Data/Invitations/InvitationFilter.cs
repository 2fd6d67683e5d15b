using InviteTriage.Core.Flocks;
using InviteTriage.Core.Invitations;

namespace InviteTriage.Data.Invitations;

/// <summary>
/// Which of one owner's invitations to list, in what order, and which page. Every part is optional; the
/// defaults list everything, newest first. <see cref="From"/> is inclusive and <see cref="To"/> exclusive.
/// </summary>
public sealed record InvitationFilter(
    InvitationStatus? Status = null,
    long? FlockId = null,
    string? Company = null,
    string? Search = null,
    int Page = 1,
    int PageSize = 50)
{
    public const int MaxPageSize = 500;

    /// <summary>Only invitations that belong to a flock (the inbox's "Flocked" tab pairs this with Pending).</summary>
    public bool InFlock { get; init; }

    public InvitationSource? Source { get; init; }

    public DateTime? From { get; init; }

    public DateTime? To { get; init; }

    /// <summary>Only invitations in a flock of this severity.</summary>
    public FlockSeverity? Severity { get; init; }

    public InvitationSort Sort { get; init; } = InvitationSort.Sent;

    public bool Descending { get; init; } = true;
}
