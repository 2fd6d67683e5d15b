using InviteTriage.Core.Imports;

namespace InviteTriage.Data.Imports;

/// <summary>
/// An import as the API shows it afterwards: its files, counts and rejected rows, the first
/// <see cref="ImportBatch.KeptRejections"/> of them word for word and all of them in <see cref="RejectedCount"/>.
/// </summary>
public sealed record ImportBatchView(
    long Id,
    string Format,
    IReadOnlyList<string> Files,
    ImportBatchState State,
    DateTime StartedAt,
    DateTime? CompletedAt,
    int Added,
    int Merged,
    int Duplicates,
    IReadOnlyDictionary<string, int> Skipped,
    IReadOnlyList<string> Rejected,
    int RejectedCount);
