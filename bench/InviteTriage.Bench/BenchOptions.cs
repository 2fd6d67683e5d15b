using System.Globalization;
using InviteTriage.Data.Database;
using Npgsql;

namespace InviteTriage.Bench;

/// <summary>
/// The harness's options: <c>--invitations N --members M --others N --seed S --runs R --arrivals A --work DIR --keep
/// --out PATH --provider Sqlite|Postgres --connection CS</c>.
/// </summary>
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

    /// <summary>The store the app's services run on, and so the yardsticks beside them (<see cref="BenchEngine"/>).</summary>
    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;

    /// <summary>For PostgreSQL: an Npgsql connection string to a database of the server, whose role may create databases.</summary>
    public string? Connection { get; init; }

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
                "--provider" => options with { Provider = ProviderOf(args, ++i) },
                "--connection" => options with { Connection = Text(args, ++i) },
                var unknown => throw new ArgumentException($"unknown option {unknown}"),
            };
        }

        return options.Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(options.Connection)
            ? throw new ArgumentException("--provider Postgres needs --connection \"Host=…;Username=…;Password=…;Database=postgres\"")
            : options;
    }

    /// <summary>The arguments as the report prints them: a connection string without its password.</summary>
    public static IEnumerable<string> Printable(IReadOnlyList<string> args) =>
        args.Select((arg, i) => i > 0 && args[i - 1] == "--connection" ? new NpgsqlConnectionStringBuilder(arg) { Password = null }.ToString() : arg);

    private static DatabaseProvider ProviderOf(IReadOnlyList<string> args, int i) =>
        Enum.TryParse<DatabaseProvider>(Text(args, i), ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new ArgumentException($"--provider takes {string.Join(" or ", Enum.GetNames<DatabaseProvider>())}, not {args[i]}");

    private static int Number(IReadOnlyList<string> args, int i) =>
        int.TryParse(Text(args, i).Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new ArgumentException($"{args[i - 1]} takes a whole number, not {args[i]}");

    private static string Text(IReadOnlyList<string> args, int i) =>
        i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value");
}
