using InviteTriage.Bench;
using InviteTriage.Bench.Measures;
using InviteTriage.Bench.Scale;

// Each command runs a list of measures, one per file in Measures/, and exits 1 when any target is missed.
// `import` is issue 4's fast path; `scale` is issue 7's table. Both run on SQLite, or with `--provider Postgres`
// on PostgreSQL, against that engine's yardsticks (BenchEngine).
var commands = new Dictionary<string, Func<IMeasure[]>>(StringComparer.Ordinal)
{
    ["import"] = () => [new ImportMeasure(), new CsvParserMeasure()],
    ["scale"] = () => [new ScaleMeasure()],
    ["arrivals"] = () => [new ArrivalsMeasure()],
};

return args switch
{
    [ChildImport.Command, .. var rest] => await ChildImport.RunAsync(rest),
    [ChildRebuild.Command, .. var rest] => await ChildRebuild.RunAsync(rest),
    ["generate", .. var rest] => BenchCommand.Generate(rest),
    [var command, .. var rest] when commands.TryGetValue(command, out var measures) => await BenchCommand.RunAsync(measures(), rest),
    _ => BenchCommand.Usage(commands.Keys),
};
