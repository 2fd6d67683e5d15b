namespace InviteTriage.Data.Imports;

/// <summary>
/// One rejected row, message or element. <see cref="Index"/> is the 0-based position in a JSON array (the API's
/// drafts); <see cref="Error"/> always reads <c>file:line: field: reason</c>.
/// </summary>
public sealed record ImportRejection(int? Index, string Error);
