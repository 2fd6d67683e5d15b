namespace InviteTriage.Ingest;

public sealed record IngestContact(KnownContactDraft Contact) : IngestItem(Contact.Origin);
