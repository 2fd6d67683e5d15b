namespace InviteTriage.Data.Detection;

/// <summary>How many flocks some settings would find in a user's data, and how many of them "likely".</summary>
public sealed record DetectionPreview(int Flocks, int Likely, int Invitations);
