namespace InviteTriage.Data.Imports;

/// <summary>
/// What an import did. <see cref="Rejected"/> holds the first <see cref="Core.Imports.ImportBatch.KeptRejections"/>
/// rejections and <see cref="RejectedCount"/> counts them all. <see cref="Error"/> is set when the whole import was
/// refused and nothing was stored.
/// </summary>
public sealed record ImportSummary(
    long? BatchId,
    int Added,
    int Merged,
    int Duplicates,
    int Contacts,
    IReadOnlyDictionary<string, int> Skipped,
    IReadOnlyList<ImportRejection> Rejected,
    int RejectedCount,
    string? Error = null)
{
    public bool Failed => Error is not null;

    /// <summary>Rejections counted but not kept: "and K more".</summary>
    public int MoreRejected => RejectedCount - Rejected.Count;

    public static ImportSummary Refused(string error) => new(null, 0, 0, 0, 0, new Dictionary<string, int>(), [], 0, error);
}
