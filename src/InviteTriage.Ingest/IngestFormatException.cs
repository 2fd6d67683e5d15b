namespace InviteTriage.Ingest;

/// <summary>
/// The file is not of the claimed kind, or is damaged beyond reading, so it is rejected whole. Readers throw it before
/// yielding anything when the header or structure is wrong; a zip entry that exceeds the size limits or a corrupt
/// archive can only be noticed while reading, so a caller discards everything it has read from the file when this is thrown.
/// </summary>
public sealed class IngestFormatException : Exception
{
    public IngestFormatException(string file, string reason, Exception? innerException = null)
        : base($"{file}: {reason}", innerException)
    {
        File = file;
        Reason = reason;
    }

    public string File { get; }
    public string Reason { get; }
}
