using InviteTriage.Core.Detection;

namespace InviteTriage.Bench.Scale;

/// <summary>
/// The yardsticks of the scale table for one database provider: a bulk load of the CSV into a bare table, the
/// flock grouping as one SQL query, and a plain read of what a rebuild reads. <see cref="SqliteReference"/> is the
/// one that runs today; a PostgreSQL one (COPY, the same query in its dialect) plugs in here with the provider.
/// </summary>
internal interface IReferenceEngine
{
    /// <summary>How the table names the bulk load, e.g. "`sqlite3 .import` into a bare table".</summary>
    string BulkLoadName { get; }

    /// <summary>The engine's name and version, for the machine's details.</summary>
    Task<string> VersionAsync(CancellationToken cancellationToken);

    /// <summary>Loads <paramref name="csv"/> into a new bare table; returns the time taken and the rows stored.</summary>
    Task<(TimeSpan Elapsed, long Rows)> BulkLoadAsync(string csv, string scratch, CancellationToken cancellationToken);

    /// <summary>The grouping of DETECTION.md over every member of the store, in SQL, with the surprise test; returns the time and counts.</summary>
    Task<(TimeSpan Elapsed, GroupCounts Counts)> GroupAsync(string store, DetectionSettings settings, CancellationToken cancellationToken);

    /// <summary>Reads every column a rebuild reads, of every invitation with a company, in the rebuild's order.</summary>
    Task<(TimeSpan Elapsed, long Rows)> ReadAsync(string store, CancellationToken cancellationToken);
}
