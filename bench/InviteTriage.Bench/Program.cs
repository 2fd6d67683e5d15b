using InviteTriage.Bench;
using InviteTriage.Bench.Measures;

// Each command runs a list of measures, one per file in Measures/, and exits 1 when any target is missed.
// `import` is issue 4's fast path; issue 7's `scale` joins this table when it comes.
var commands = new Dictionary<string, Func<IMeasure[]>>(StringComparer.Ordinal)
{
    ["import"] = () => [new ImportMeasure(), new CsvParserMeasure()],
};

return args switch
{
    [ChildImport.Command, .. var rest] => await ChildImport.RunAsync(rest),
    ["generate", .. var rest] => BenchCommand.Generate(rest),
    [var command, .. var rest] when commands.TryGetValue(command, out var measures) => await BenchCommand.RunAsync(measures(), rest),
    _ => BenchCommand.Usage(commands.Keys),
};
