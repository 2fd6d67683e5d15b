using InviteTriage.Core.Flocks;

namespace InviteTriage.Data.Flocks;

/// <summary>Where a flock stands: its status (the tab) and how many of that status come before it.</summary>
public sealed record FlockRank(FlockStatus Status, int Rank);
