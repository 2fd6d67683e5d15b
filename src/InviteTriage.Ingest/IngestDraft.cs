namespace InviteTriage.Ingest;

public sealed record IngestDraft(InvitationDraft Draft) : IngestItem(Draft.Origin);
