using InviteTriage.Core.Imports;

namespace InviteTriage.Data.Imports;

/// <summary>
/// The rejections of one import, or of one mailbox sync over its chunks: each goes to the listener as it comes (the
/// command line prints every one), the first <see cref="ImportBatch.KeptRejections"/> are kept for the batch and the
/// summary, and all are counted. Memory stays flat however many rows a file gets wrong.
/// </summary>
internal sealed class ImportRejections(Action<ImportRejection>? listener = null)
{
    private readonly List<ImportRejection> _kept = [];

    public IReadOnlyList<ImportRejection> Kept => _kept;

    public int Count { get; private set; }

    public void Add(ImportRejection rejection)
    {
        Count++;
        if (_kept.Count < ImportBatch.KeptRejections)
        {
            _kept.Add(rejection);
        }

        listener?.Invoke(rejection);
    }

    /// <summary>Another import's rejections: those it kept, while there is room, and its count.</summary>
    public void AddFrom(ImportSummary summary)
    {
        Count += summary.RejectedCount;
        _kept.AddRange(summary.Rejected.Take(ImportBatch.KeptRejections - _kept.Count));
    }
}
