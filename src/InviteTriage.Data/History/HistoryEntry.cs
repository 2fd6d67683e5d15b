using InviteTriage.Core.History;

namespace InviteTriage.Data.History;

/// <summary>
/// One history event as the API and the CLI show it. <see cref="UndoBlockedReason"/> says why it cannot be undone,
/// or is null when it can.
/// </summary>
public sealed record HistoryEntry(
    long Id,
    FlagEventKind Kind,
    string Actor,
    DateTime OccurredAt,
    string Summary,
    long? FlockId,
    long? ImportBatchId,
    long? UndoesEventId,
    bool Undone,
    string? UndoBlockedReason,
    IReadOnlyList<HistoryChange> Changes);
