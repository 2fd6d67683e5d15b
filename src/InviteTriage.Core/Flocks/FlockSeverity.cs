namespace InviteTriage.Core.Flocks;

public enum FlockSeverity
{
    Review = 0,
    Likely = 1,
}
