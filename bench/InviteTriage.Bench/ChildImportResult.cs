namespace InviteTriage.Bench;

/// <summary>What the import child reports: the import's own time and counts, its process's peak RSS, and its logged phases.</summary>
internal sealed record ChildImportResult(
    double Seconds,
    int Added,
    int Merged,
    int Duplicates,
    int Rejected,
    int Flocks,
    long? PeakRssBytes,
    IReadOnlyDictionary<string, double> PhaseMilliseconds,
    string? Error);
