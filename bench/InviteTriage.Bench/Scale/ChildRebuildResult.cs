namespace InviteTriage.Bench.Scale;

/// <summary>What the rebuild child reports: the rebuild's time and its process's peak RSS.</summary>
internal sealed record ChildRebuildResult(double Seconds, long? PeakRssBytes);
