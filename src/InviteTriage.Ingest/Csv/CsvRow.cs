namespace InviteTriage.Ingest.Csv;

/// <summary>One CSV record with unescaped fields and the 1-based file line it starts on.</summary>
internal sealed record CsvRow(int Line, string[] Fields)
{
    public bool IsBlank => Array.TrueForAll(Fields, string.IsNullOrWhiteSpace);

    public string Get(int index) => index >= 0 && index < Fields.Length ? Fields[index].Trim() : string.Empty;

    public string? GetOrNull(int index)
    {
        var value = Get(index);
        return value.Length == 0 ? null : value;
    }
}
