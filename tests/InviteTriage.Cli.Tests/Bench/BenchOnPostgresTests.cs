using InviteTriage.Bench;
using InviteTriage.Bench.Measures;
using InviteTriage.Data.Database;

namespace InviteTriage.Cli.Tests.Bench;

/// <summary>
/// The harness's <c>scale</c> and <c>import</c> on PostgreSQL at a tiny size, so that its PostgreSQL path, which only a
/// long run by hand measures, cannot rot: its stores, child processes, COPY and SQL grouping must run end to end, and
/// the grouping must still find what the app finds. The figures of so small a run mean nothing and are not checked.
/// </summary>
public sealed class BenchOnPostgresTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("invitetriage-bench-").FullName;

    private BenchOptions Tiny => new()
    {
        Provider = DatabaseProvider.Postgres,
        Connection = TestPostgres.Server(),
        Invitations = 1_000,
        Members = 2,
        Others = 200,
        Runs = 1,
        Arrivals = 5,
        Work = _folder,
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task Scale_on_PostgreSQL_measures_every_row_and_its_SQL_grouping_finds_what_the_app_finds()
    {
        MeasureReport report;
        await using (var run = new BenchRun(Tiny, TextWriter.Null))
        {
            report = await new ScaleMeasure().RunAsync(run, CancellationToken.None);
        }

        report.Markdown.Should().Contain("| Database | PostgreSQL ").And.Contain("`COPY … FROM STDIN (FORMAT csv)` into a bare table: ")
            .And.Contain("SQL window-function grouping: ").And.Contain("plain SELECT: ").And.Contain("peak RSS of the app's services through a full rebuild");
        report.Targets.Where(t => t.Target.StartsWith("SQL grouping finds the app's candidates and flocks", StringComparison.Ordinal))
            .Should().HaveCount(2).And.OnlyContain(t => t.Met);
    }

    [Fact]
    public async Task Import_on_PostgreSQL_is_timed_against_COPY_of_the_same_file()
    {
        MeasureReport report;
        await using (var run = new BenchRun(Tiny, TextWriter.Null))
        {
            report = await new ImportMeasure().RunAsync(run, CancellationToken.None);
        }

        report.Markdown.Should().Contain("| `COPY … FROM STDIN (FORMAT csv)` into a bare table (1,000 rows, faster of 2) |")
            .And.MatchRegex(@"Added [1-9][0-9,]*, merged");
        report.Targets.Should().Contain(t => t.Target == "import ≤ 3× COPY");
    }
}
