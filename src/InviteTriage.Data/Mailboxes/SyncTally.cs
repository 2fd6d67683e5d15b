using InviteTriage.Core.Mailboxes;
using InviteTriage.Data.Imports;
using InviteTriage.Ingest;

namespace InviteTriage.Data.Mailboxes;

/// <summary>The counts of one sync over all its chunks, so a sync that stops half-way still says what it did.</summary>
internal sealed class SyncTally
{
    private readonly Dictionary<string, int> _skipped = new(StringComparer.Ordinal);
    private readonly ImportRejections _rejected = new();
    private int _read;
    private int _added;
    private int _merged;
    private int _duplicates;

    public void Read(IEnumerable<ImapMessageItem> messages)
    {
        foreach (var message in messages)
        {
            _read++;
            if (message.Item is IngestSkip skip)
            {
                _skipped[skip.KindName] = _skipped.GetValueOrDefault(skip.KindName) + 1;
            }
        }
    }

    public void AlreadyRecorded(int count) => _duplicates += count;

    public void Imported(ImportSummary summary)
    {
        _added += summary.Added;
        _merged += summary.Merged;
        _duplicates += summary.Duplicates;
        _rejected.AddFrom(summary);
    }

    public MailboxSyncResult Result(MailboxStatus status, string? error) =>
        new(status, error, _read, _added, _merged, _duplicates, _skipped, _rejected.Kept, _rejected.Count);
}
