using System.Globalization;

namespace InviteTriage.Bench;

/// <summary>The harness's options: <c>--invitations N --members M --others N --seed S --runs R --arrivals A --work DIR --keep --out PATH</c>.</summary>
internal sealed record BenchOptions
{
    /// <summary>Rows of the measured member's file.</summary>
    public int Invitations { get; init; } = 1_000_000;

    /// <summary>Members of the instance; all but the measured one have <see cref="Others"/> invitations imported first.</summary>
    public int Members { get; init; } = 3;

    public int Others { get; init; } = 10_000;
    public int Seed { get; init; } = 7;

    /// <summary>How many times each timed measure of <c>scale</c> is repeated; the table quotes the median.</summary>
    public int Runs { get; init; } = 3;

    /// <summary>Single arrivals timed per pattern and store size by <c>scale</c>, for p50 and p99.</summary>
    public int Arrivals { get; init; } = 500;
    public string? Work { get; init; }
    public bool Keep { get; init; }
    public string? Out { get; init; }

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--invitations" => options with { Invitations = Number(args, ++i) },
                "--members" => options with { Members = Math.Max(1, Number(args, ++i)) },
                "--others" => options with { Others = Number(args, ++i) },
                "--seed" => options with { Seed = Number(args, ++i) },
                "--runs" => options with { Runs = Math.Max(1, Number(args, ++i)) },
                "--arrivals" => options with { Arrivals = Math.Max(1, Number(args, ++i)) },
                "--work" => options with { Work = Text(args, ++i) },
                "--out" => options with { Out = Text(args, ++i) },
                "--keep" => options with { Keep = true },
                var unknown => throw new ArgumentException($"unknown option {unknown}"),
            };
        }

        return options;
    }

    private static int Number(IReadOnlyList<string> args, int i) =>
        int.TryParse(Text(args, i).Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new ArgumentException($"{args[i - 1]} takes a whole number, not {args[i]}");

    private static string Text(IReadOnlyList<string> args, int i) =>
        i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value");
}
