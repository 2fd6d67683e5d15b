namespace InviteTriage.Ingest;

public enum OriginUnit
{
    Line = 0,
    Message = 1,
    Element = 2,
}
