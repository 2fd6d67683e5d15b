namespace InviteTriage.Ingest;

/// <summary>One result of reading an import: a draft, a known contact, a counted skip or a rejection.</summary>
public abstract record IngestItem(IngestOrigin Origin);
