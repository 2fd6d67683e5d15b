using InviteTriage.Data.Imports;

namespace InviteTriage.Web.Api;

/// <summary>
/// What an import through the API did: <c>{batchId, added, merged, duplicates, rejected: [{index, error}], rejectedCount}</c>,
/// where <c>rejected</c> lists the first 1,000 rejections (ImportBatch.KeptRejections) and <c>rejectedCount</c> counts them all.
/// </summary>
internal sealed record ImportResponse(long? BatchId, int Added, int Merged, int Duplicates, IReadOnlyList<ImportRejection> Rejected, int RejectedCount)
{
    public static ImportResponse From(ImportSummary summary) =>
        new(summary.BatchId, summary.Added, summary.Merged, summary.Duplicates, summary.Rejected, summary.RejectedCount);
}
