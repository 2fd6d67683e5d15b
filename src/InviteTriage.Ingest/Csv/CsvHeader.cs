namespace InviteTriage.Ingest.Csv;

/// <summary>Column positions by name, compared trimmed and case-insensitively.</summary>
internal sealed class CsvHeader(CsvRow row)
{
    public int Line => row.Line;
    public int Count => row.Fields.Length;

    public int IndexOf(string name) =>
        Array.FindIndex(row.Fields, f => string.Equals(f.Trim(), name, StringComparison.OrdinalIgnoreCase));

    public bool Has(string name) => IndexOf(name) >= 0;

    public IReadOnlyList<string> Missing(params string[] names) => Array.FindAll(names, n => !Has(n));

    /// <summary>A rejection reason when the row does not have the header's shape, else null.</summary>
    public string? ShapeError(CsvRow data) => data.Fields.Length == Count
        ? null
        : data.Fields.Length < Count
            ? $"row has {data.Fields.Length} fields, the header has {Count} (truncated row or unbalanced quote)"
            : $"row has {data.Fields.Length} fields, the header has {Count} (unquoted comma?)";
}
