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

        var ordered = Ordered(stream);
        return [.. Runs(ordered, settings).Select(run => new InvitationGroup(new ArraySegment<DetectionInvitation>(ordered, run.Start, run.Count)))];
    }

    /// <summary>One company's stream in walk order, checked: one company key, no id twice.</summary>
    /// <exception cref="ArgumentException">The stream mixes company keys or repeats an id.</exception>
    internal static DetectionInvitation[] Ordered(IEnumerable<DetectionInvitation> stream)
    {
        var ordered = stream.ToArray();
        Array.Sort(ordered, WalkOrder.Instance);
        for (var i = 1; i < ordered.Length; i++)
        {
            if (!string.Equals(ordered[i].CompanyKey, ordered[0].CompanyKey, StringComparison.Ordinal))
            {
                throw new ArgumentException("The walk covers one company key at a time.", nameof(stream));
            }
        }

        // With a repeated id the (sentAt, id) order would depend on the input order.
        if (ordered.Select(invitation => invitation.Id).Distinct().Count() != ordered.Length)
        {
            throw new ArgumentException("An invitation id appears twice.", nameof(stream));
        }

        return ordered;
    }

    /// <summary>
    /// The index of every group's first invitation in a stream already in walk order, one company's, with no id
    /// twice. The walk from any group's first invitation finds the same groups from there on as the walk from the
    /// start of its gap-chain, which is what lets the incremental path begin and end at known group starts.
    /// </summary>
    public static IEnumerable<int> GroupStarts(DetectionInvitation[] ordered, DetectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        ArgumentNullException.ThrowIfNull(settings);
        return Runs(ordered, settings).Select(run => run.Start);
    }

    /// <summary>
    /// The groups of an ordered stream as index ranges, so that the rebuild, where most groups are one or two
    /// invitations, allocates nothing for groups that can never be candidates.
    /// </summary>
    internal static List<(int Start, int Count)> Runs(DetectionInvitation[] ordered, DetectionSettings settings)
    {
        var runs = new List<(int Start, int Count)>();
        var dismissed = new HashSet<long>();
        var start = 0;
        for (var i = 0; i < ordered.Length; i++)
        {
            var invitation = ordered[i];
            if (i > start && !Joins(ordered[start], ordered[i - 1], invitation, dismissed, settings))
            {
                runs.Add((start, i - start));
                start = i;
                dismissed.Clear();
            }

            if (invitation.DismissedFlockIds.Count > 0)
            {
                dismissed.UnionWith(invitation.DismissedFlockIds);
            }
        }

        if (ordered.Length > start)
        {
            runs.Add((start, ordered.Length - start));
        }

        return runs;
    }

    private static bool Joins(DetectionInvitation first, DetectionInvitation previous, DetectionInvitation invitation, HashSet<long> dismissed, DetectionSettings settings) =>
        invitation.SentAt - previous.SentAt <= settings.Gap
        && invitation.SentAt - first.SentAt <= settings.Span
        && (dismissed.Count == 0 || !invitation.DismissedFlockIds.Any(dismissed.Contains));
}
