using InviteTriage.Data.Imports;

namespace InviteTriage.Web.Api;

/// <summary>What an import through the API did: <c>{batchId, added, merged, duplicates, rejected: [{index, error}]}</c>.</summary>
internal sealed record ImportResponse(long? BatchId, int Added, int Merged, int Duplicates, IReadOnlyList<ImportRejection> Rejected)
{
    public static ImportResponse From(ImportSummary summary) =>
        new(summary.BatchId, summary.Added, summary.Merged, summary.Duplicates, summary.Rejected);
}
