namespace InviteTriage.Bench;

/// <summary>One thing the harness measures (Measures/, one per file); a command runs a list of them.</summary>
internal interface IMeasure
{
    Task<MeasureReport> RunAsync(BenchRun run, CancellationToken cancellationToken);
}
