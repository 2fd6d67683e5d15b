namespace InviteTriage.Core.Detection;

/// <summary>The grouping walk of DETECTION.md over one (recipient, company key) stream.</summary>
public static class FlockGrouper
{
    /// <summary>
    /// Orders the stream by (sentAt, id) and walks it. An invitation joins the current group when its gap to the
    /// previous invitation is at most H, its distance to the group's first is at most S, and it shares no
    /// dismissed flock id with any member of the group; otherwise it starts a new group.
    /// </summary>
    /// <remarks>
    /// A dismissed pair is a third reason to cut, like exceeding S, rather than a reason to skip an invitation or
    /// to search for the best split. Why: every group stays a contiguous run of the sorted stream and is decided
    /// by the walk from the start of its gap-chain alone, so the incremental path can recompute one chain and
    /// match this rebuild exactly, whatever the arrival order. No group ever holds two members of one dismissed
    /// flock, and a dismissed member can still flock with invitations outside its own dismissed flock. The
    /// price: new invitations interleaved in time with a dismissed flock are split at each of its members,
    /// which is acceptable because they belong to the very burst the user already judged.
    /// </remarks>
    /// <exception cref="ArgumentException">The stream mixes company keys or repeats an id.</exception>
    public static IReadOnlyList<InvitationGroup> Group(IEnumerable<DetectionInvitation> stream, DetectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(settings);

        var ordered = stream.OrderBy(invitation => invitation.SentAt).ThenBy(invitation => invitation.Id).ToList();
        if (ordered.Select(invitation => invitation.CompanyKey).Distinct(StringComparer.Ordinal).Skip(1).Any())
        {
            throw new ArgumentException("The walk covers one company key at a time.", nameof(stream));
        }

        // With a repeated id the (sentAt, id) order would depend on the input order.
        if (ordered.Select(invitation => invitation.Id).Distinct().Count() != ordered.Count)
        {
            throw new ArgumentException("An invitation id appears twice.", nameof(stream));
        }

        var groups = new List<InvitationGroup>();
        var current = new List<DetectionInvitation>();
        var dismissed = new HashSet<long>();
        foreach (var invitation in ordered)
        {
            if (current.Count > 0 && !Joins(current, dismissed, invitation, settings))
            {
                groups.Add(new InvitationGroup(current));
                current = [];
                dismissed.Clear();
            }

            current.Add(invitation);
            dismissed.UnionWith(invitation.DismissedFlockIds);
        }

        if (current.Count > 0)
        {
            groups.Add(new InvitationGroup(current));
        }

        return groups;
    }

    private static bool Joins(List<DetectionInvitation> group, HashSet<long> dismissed, DetectionInvitation invitation, DetectionSettings settings) =>
        invitation.SentAt - group[^1].SentAt <= settings.Gap
        && invitation.SentAt - group[0].SentAt <= settings.Span
        && !invitation.DismissedFlockIds.Any(dismissed.Contains);
}
