namespace InviteTriage.Ingest;

/// <summary>Where an item came from: a file (or zip entry) and a 1-based line, message or element number.</summary>
public sealed record IngestOrigin(string File, OriginUnit Unit, int Number)
{
    public static IngestOrigin Line(string file, int line) => new(file, OriginUnit.Line, line);

    public static IngestOrigin Message(string file, int index) => new(file, OriginUnit.Message, index);

    public static IngestOrigin Element(string file, int index) => new(file, OriginUnit.Element, index);

    public override string ToString() => Unit switch
    {
        OriginUnit.Message => $"{File}:message {Number}",
        OriginUnit.Element => $"{File}:element {Number}",
        _ => $"{File}:{Number}",
    };
}
