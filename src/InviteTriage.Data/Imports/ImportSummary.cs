namespace InviteTriage.Data.Imports;

/// <summary>What an import did. <see cref="Error"/> is set when the whole import was refused and nothing was stored.</summary>
public sealed record ImportSummary(
    long? BatchId,
    int Added,
    int Merged,
    int Duplicates,
    int Contacts,
    IReadOnlyDictionary<string, int> Skipped,
    IReadOnlyList<ImportRejection> Rejected,
    string? Error = null)
{
    public bool Failed => Error is not null;

    public static ImportSummary Refused(string error) => new(null, 0, 0, 0, 0, new Dictionary<string, int>(), [], error);
}
