namespace InviteTriage.Ingest;

/// <summary>A row, message or element that could not be read; the rest of the file still imports.</summary>
public sealed record IngestRejection(IngestOrigin Origin, string? Field, string Reason) : IngestItem(Origin)
{
    /// <summary>The line printed for the user: <c>file:line: field: reason</c>.</summary>
    public string Message => Field is null ? $"{Origin}: {Reason}" : $"{Origin}: {Field}: {Reason}";

    public override string ToString() => Message;
}
