using System.Globalization;
using System.Text;
using InviteTriage.Data.Imports;
using InviteTriage.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Bench.Measures;

/// <summary>
/// Issue 4's fast path: a generic CSV imported, stored, indexed and detected by the app's ImportService, against
/// <c>sqlite3</c>'s <c>.import</c> of the same file into a bare table (PostgreSQL's <c>COPY</c> on that engine) on the
/// same machine in the same run. Targets: at most 3× the time of the bulk load, and at most 300 MB peak RSS for the
/// importing process.
/// </summary>
internal sealed class ImportMeasure : IMeasure
{
    public const double TargetRatio = 3.0;
    public const long TargetPeakBytes = 300_000_000;

    public async Task<MeasureReport> RunAsync(BenchRun run, CancellationToken cancellationToken)
    {
        var (options, engine) = (run.Options, run.Engine);
        var csv = run.CsvOf(0);

        // The instance: members, and every member but the measured one with an inbox imported already (not timed).
        var store = await engine.CreateAsync("store", cancellationToken);
        await using (var instance = await BenchInstance.OpenAsync(store))
        {
            for (var member = 0; member < options.Members; member++)
            {
                var owner = await instance.AddMemberAsync(BenchInstance.EmailOf(member));
                if (member > 0 && options.Others > 0)
                {
                    await instance.Services.GetRequiredService<ImportService>().ImportAsync(owner, BenchInstance.EmailOf(member), "csv",
                        [ImportSource.FromFile(run.CsvOf(member), ImportFormat.Csv)], progress: null, cancellationToken);
                }
            }
        }

        // The bulk load before and after the app, and the faster of the two counts: the machine is shared and noisy, and
        // the faster yardstick makes the ratio the stricter one.
        var before = await engine.BulkLoadAsync(csv, cancellationToken);
        run.Log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{engine.BulkLoadTool}: {before.Elapsed.TotalSeconds:0.00} s, {before.Rows:N0} rows"));
        var app = await ChildImport.RunChildAsync(store, BenchInstance.EmailOf(0), csv, cancellationToken);
        if (app.Error is { } error)
        {
            throw new InvalidOperationException($"The import was refused: {error}");
        }

        run.Log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ImportService: {app.Seconds:0.00} s"));
        var after = await engine.BulkLoadAsync(csv, cancellationToken);
        run.Log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{engine.BulkLoadTool}: {after.Elapsed.TotalSeconds:0.00} s"));
        var bulk = TimeSpan.FromTicks(Math.Min(before.Elapsed.Ticks, after.Elapsed.Ticks));

        var ratio = app.Seconds / bulk.TotalSeconds;
        var targets = new List<TargetCheck>
        {
            new($"import ≤ {TargetRatio:0}× {engine.BulkLoadTool}", string.Create(CultureInfo.InvariantCulture, $"{ratio:0.0}×"), ratio <= TargetRatio),
        };
        if (app.PeakRssBytes is { } peak)
        {
            targets.Add(new TargetCheck($"peak RSS ≤ {TargetPeakBytes / 1e6:0} MB", Megabytes(peak), peak <= TargetPeakBytes));
        }

        return new MeasureReport(Markdown(options, engine, bulk, before.Rows, app, ratio), targets);
    }

    private static string Markdown(BenchOptions options, BenchEngine engine, TimeSpan bulk, long bulkRows, ChildImportResult app, double ratio)
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine(culture, $"### Import of {options.Invitations:N0} generic CSV rows, one member of {options.Members} (others: {options.Others:N0} each)");
        text.AppendLine();
        text.AppendLine(culture, $"| step | time | vs {engine.BulkLoadTool} | peak RSS |");
        text.AppendLine("|---|---:|---:|---:|");
        text.AppendLine(culture, $"| {engine.BulkLoadName} ({bulkRows:N0} rows, faster of 2) | {bulk.TotalSeconds:0.00} s | 1.0× | |");
        text.AppendLine(culture, $"| ImportService: read, stored, indexed, detected, committed | {app.Seconds:0.00} s | {ratio:0.0}× | {(app.PeakRssBytes is { } peak ? Megabytes(peak) : "n/a")} |");
        foreach (var (phase, milliseconds) in app.PhaseMilliseconds.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.AppendLine(culture, $"| &nbsp;&nbsp;{PhaseName(phase)} | {milliseconds / 1000:0.00} s | | |");
        }

        text.AppendLine();
        text.AppendLine(culture, $"Added {app.Added:N0}, merged {app.Merged:N0}, duplicates {app.Duplicates:N0}, rejected {app.Rejected:N0}; {app.Flocks:N0} live flocks.");
        return text.ToString();
    }

    // "RebuildWriteMs" reads "rebuild write".
    private static string PhaseName(string key) =>
        string.Concat(key[..^2].Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:0} MB");
}
