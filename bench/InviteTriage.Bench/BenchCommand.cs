using System.Globalization;

namespace InviteTriage.Bench;

/// <summary>Runs a command's measures and prints their Markdown and targets; exit 0 all met, 1 a target missed, 2 an error.</summary>
internal static class BenchCommand
{
    public static async Task<int> RunAsync(IMeasure[] measures, IReadOnlyList<string> args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }

        await using var run = new BenchRun(options, Console.Error);
        var reports = new List<MeasureReport>();
        try
        {
            foreach (var measure in measures)
            {
                reports.Add(await measure.RunAsync(run, CancellationToken.None));
            }
        }
        catch (InvalidOperationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }

        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}, args: {string.Join(' ', BenchOptions.Printable(args))}"));
        foreach (var report in reports)
        {
            await Console.Out.WriteLineAsync();
            await Console.Out.WriteAsync(report.Markdown);
        }

        var targets = reports.SelectMany(r => r.Targets).ToList();
        if (targets.Count > 0)
        {
            await Console.Out.WriteLineAsync();
            foreach (var target in targets)
            {
                await Console.Out.WriteLineAsync($"- {target}");
            }
        }

        return reports.Any(r => r.Missed) ? 1 : 0;
    }

    /// <summary><c>generate --invitations N [--seed S] --out PATH</c>: member 0's synthetic file alone (bench/crash-soak.sh).</summary>
    public static int Generate(IReadOnlyList<string> args)
    {
        var options = BenchOptions.Parse(args);
        if (options.Out is not { } path)
        {
            Console.Error.WriteLine("generate needs --out PATH");
            return 2;
        }

        new SyntheticCsv(options.Seed).Write(path, member: 0, options.Invitations);
        return 0;
    }

    public static int Usage(IEnumerable<string> commands)
    {
        Console.Error.WriteLine($"usage: InviteTriage.Bench ({string.Join('|', commands)}) [--invitations N] [--members M] [--others N] [--seed S] [--runs R] [--arrivals A] [--work DIR] [--keep] [--provider Sqlite|Postgres --connection CS]");
        Console.Error.WriteLine("       InviteTriage.Bench generate --invitations N [--seed S] --out PATH");
        return 2;
    }
}
