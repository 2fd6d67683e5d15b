namespace InviteTriage.Ingest;

/// <summary>
/// A row or message that is valid but not an invitation to the user; it is counted, not rejected.
/// <paramref name="ExternalId"/> is set for reminders: the invitation they remind about.
/// </summary>
public sealed record IngestSkip(IngestOrigin Origin, SkipKind Kind, string? ExternalId = null) : IngestItem(Origin)
{
    /// <summary>The kind as the import summary names it: "outgoing", "hidden-member", "acceptance", "reminder", "not-invitation".</summary>
    public string KindName => Kind switch
    {
        SkipKind.Outgoing => "outgoing",
        SkipKind.HiddenMember => "hidden-member",
        SkipKind.Acceptance => "acceptance",
        SkipKind.Reminder => "reminder",
        _ => "not-invitation",
    };
}
