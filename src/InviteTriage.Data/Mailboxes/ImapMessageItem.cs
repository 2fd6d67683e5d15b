using InviteTriage.Ingest;

namespace InviteTriage.Data.Mailboxes;

/// <summary>One message read from the server: its UID, its Message-ID, and what the e-mail reader made of it.</summary>
internal sealed record ImapMessageItem(uint Uid, string? MessageId, IngestItem Item);
