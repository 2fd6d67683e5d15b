using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using nietras.SeparatedValues;
using Sylvan.Data.Csv;

namespace InviteTriage.Bench.Measures;

/// <summary>
/// Sep, the parser the readers use, against Sylvan.Data.Csv, on the same generated file: every field of every row
/// read as a string, as the readers need them. Informational; issue 4 asked to measure before choosing.
/// </summary>
internal sealed class CsvParserMeasure : IMeasure
{
    private const int Runs = 3;

    public Task<MeasureReport> RunAsync(BenchRun run, CancellationToken cancellationToken)
    {
        var csv = run.CsvOf(0);
        var megabytes = new FileInfo(csv).Length / 1e6;
        var sep = Best(() => ReadWithSep(csv, cancellationToken));
        var sylvan = Best(() => ReadWithSylvan(csv, cancellationToken));
        if (sep.Fields != sylvan.Fields)
        {
            throw new InvalidOperationException($"Sep read {sep.Fields:N0} fields and Sylvan {sylvan.Fields:N0}; they must read the same file alike.");
        }

        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(culture, $"### CSV parsers on the same file ({megabytes:0} MB, {sep.Rows:N0} rows, best of {Runs})");
        text.AppendLine();
        text.AppendLine("| parser | time | MB/s | vs Sep |");
        text.AppendLine("|---|---:|---:|---:|");
        text.AppendLine(culture, $"| Sep {VersionOf(typeof(Sep))} | {sep.Elapsed.TotalSeconds:0.00} s | {megabytes / sep.Elapsed.TotalSeconds:0} | 1.0× |");
        text.AppendLine(culture, $"| Sylvan.Data.Csv {VersionOf(typeof(CsvDataReader))} | {sylvan.Elapsed.TotalSeconds:0.00} s | {megabytes / sylvan.Elapsed.TotalSeconds:0} | {sylvan.Elapsed / sep.Elapsed:0.00}× |");
        return Task.FromResult(new MeasureReport(text.ToString(), []));
    }

    // The package's version; assembly versions are often rounded.
    private static string? VersionOf(Type type) =>
        type.Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];

    private static (TimeSpan Elapsed, long Rows, long Fields) Best(Func<(long Rows, long Fields)> read)
    {
        var best = TimeSpan.MaxValue;
        (long Rows, long Fields) counts = default;
        for (var i = 0; i < Runs; i++)
        {
            var clock = Stopwatch.StartNew();
            counts = read();
            best = clock.Elapsed < best ? clock.Elapsed : best;
        }

        return (best, counts.Rows, counts.Fields);
    }

    // As CsvRowReader configures Sep: no header handling, unescaped fields, rows of any width.
    private static (long Rows, long Fields) ReadWithSep(string csv, CancellationToken cancellationToken)
    {
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true }).FromFile(csv);
        long rows = 0, fields = 0;
        foreach (var row in reader)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < row.ColCount; i++)
            {
                fields += row[i].ToString().Length > 0 ? 1 : 0;
            }

            rows++;
        }

        return (rows, fields);
    }

    private static (long Rows, long Fields) ReadWithSylvan(string csv, CancellationToken cancellationToken)
    {
        using var reader = CsvDataReader.Create(csv, new CsvDataReaderOptions { HasHeaders = false });
        long rows = 0, fields = 0;
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < reader.RowFieldCount; i++)
            {
                fields += reader.GetString(i).Length > 0 ? 1 : 0;
            }

            rows++;
        }

        return (rows, fields);
    }
}
