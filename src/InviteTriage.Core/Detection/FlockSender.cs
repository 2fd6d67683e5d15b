namespace InviteTriage.Core.Detection;

/// <summary>One distinct sender of a flock, with the time of their first invitation in it.</summary>
public sealed record FlockSender(string Name, DateTime FirstSentAt);
