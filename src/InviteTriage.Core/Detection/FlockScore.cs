using InviteTriage.Core.Flocks;

namespace InviteTriage.Core.Detection;

/// <summary>The reasons a flock was flagged, their sum, and the severity that sum earns.</summary>
public sealed record FlockScore(IReadOnlyList<FlagReason> Reasons, double Score, FlockSeverity Severity);
