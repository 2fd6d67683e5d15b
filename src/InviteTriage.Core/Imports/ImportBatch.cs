namespace InviteTriage.Core.Imports;

/// <summary>One import of one or more files or drafts, with its counts; it can be undone as a whole.</summary>
public sealed class ImportBatch
{
    /// <summary>
    /// How many rejections a batch keeps word for word. A file of a million bad rows must not become a million strings
    /// in memory and in one row of the store; the rest are counted in <see cref="RejectedCount"/>.
    /// </summary>
    public const int KeptRejections = 1_000;

    public long Id { get; set; }
    public required string OwnerId { get; set; }
    public required string Format { get; set; }
    public List<string> Files { get; set; } = [];
    public DateTime StartedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public ImportBatchState State { get; set; }
    public int Added { get; set; }
    public int Merged { get; set; }
    public int Duplicates { get; set; }

    /// <summary>Rows skipped on purpose, by kind: "outgoing", "hidden-member", "acceptance", "reminder".</summary>
    public Dictionary<string, int> Skipped { get; set; } = [];

    /// <summary>The first <see cref="KeptRejections"/> rejected rows, each as <c>file:line: reason</c>.</summary>
    public List<string> Rejections { get; set; } = [];

    /// <summary>Every rejected row, kept or not.</summary>
    public int RejectedCount { get; set; }
}
