using InviteTriage.Data.Imports;

namespace InviteTriage.Web.Api;

/// <summary>
/// What an upload did: the import summary of DESIGN.md with its skipped rows by kind and the contacts it read.
/// <c>rejected</c> lists the first 1,000 rejections (ImportBatch.KeptRejections) and <c>rejectedCount</c> counts them all.
/// </summary>
internal sealed record ImportFilesResponse(
    long? BatchId, int Added, int Merged, int Duplicates, int Contacts, IReadOnlyDictionary<string, int> Skipped, IReadOnlyList<ImportRejection> Rejected,
    int RejectedCount)
{
    public static ImportFilesResponse From(ImportSummary summary) =>
        new(summary.BatchId, summary.Added, summary.Merged, summary.Duplicates, summary.Contacts, summary.Skipped, summary.Rejected, summary.RejectedCount);
}
