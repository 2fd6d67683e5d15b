namespace InviteTriage.Core.History;

/// <summary>One entry of the append-only history: a flag raised or changed, or a decision made.</summary>
public sealed class FlagEvent
{
    public long Id { get; set; }
    public required string OwnerId { get; set; }
    public FlagEventKind Kind { get; set; }

    /// <summary>Who did it: the user's e-mail, "detector", "rule:auto-archive" or "import".</summary>
    public required string Actor { get; set; }

    public DateTime OccurredAt { get; set; }
    public long? FlockId { get; set; }
    public long? ImportBatchId { get; set; }

    /// <summary>The event this one undoes, for <see cref="FlagEventKind.Undone"/>.</summary>
    public long? UndoesEventId { get; set; }

    public required string Summary { get; set; }
    public List<FlagEventChange> Changes { get; set; } = [];
}
