namespace InviteTriage.Core.History;

public enum FlagEventKind
{
    FlockDetected = 0,
    FlockGrew = 1,
    FlockMerged = 2,
    FlockReopened = 3,
    FlockWithdrawn = 4,
    FlockDismissed = 5,
    StatusChanged = 6,
    Imported = 7,
    SettingsChanged = 8,
    Undone = 9,

    /// <summary>The user named the company of an invitation; detection then looks at it again.</summary>
    CompanySet = 10,

    /// <summary>The user merged one company into another (an alias); detection ran again over the merged company.</summary>
    CompanyAliased = 11,

    /// <summary>The user removed an alias; the invitations went back to their own company.</summary>
    CompanyAliasRemoved = 12,
}
