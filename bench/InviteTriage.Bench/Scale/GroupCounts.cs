namespace InviteTriage.Bench.Scale;

/// <summary>How many groups of the walk have at least N distinct senders (candidates), and how many of them pass the surprise test (flocks).</summary>
internal sealed record GroupCounts(long Candidates, long Flocks);
