using Xunit.Abstractions;

namespace InviteTriage.Cli.Tests.CrashSafety;

/// <summary>
/// Issue 6: an import killed at any moment (kill -9, a power cut for the process) leaves a store that is intact and
/// in which its batch is there whole or not at all; running the import again ends as an uninterrupted run ends.
/// An import is one SQLite transaction, flocks included (README, "An import commits once").
/// </summary>
public sealed class ImportCrashTests(CrashFixture fixture, ITestOutputHelper output) : IClassFixture<CrashFixture>
{
    private const int Trials = 10;

    /// <summary>
    /// Trial k kills within the k-th tenth of an uninterrupted run's time (and up to a tenth past it, where the run
    /// may be over), at a random point there, so that reading, the index builds, the rebuild and the commit each get
    /// killed. A store the kill left empty is as good as a new one, so the next trial is the re-run of this one; a
    /// store with the batch committed is re-run at once, then replaced. The last store is run to the end.
    /// </summary>
    [Fact]
    public async Task AnImportKilledAtRandomMoments_LeavesItsBatchWholeOrAbsent_AndRunningItAgainEndsAsAnUninterruptedRun()
    {
        var expected = fixture.UninterruptedRun;
        var store = fixture.NewStore();
        var killedEmpty = false;
        output.WriteLine($"uninterrupted: {fixture.UninterruptedTime.TotalSeconds:0.0} s");

        for (var trial = 0; trial < Trials; trial++)
        {
            var fraction = (trial + Random.Shared.NextDouble()) / Trials * 1.1;
            var delay = fixture.UninterruptedTime * fraction;
            using (var import = fixture.ImportProcess(store))
            {
                await Task.Delay(delay);
                var finished = import.HasExited;
                await import.KillAsync();
                output.WriteLine($"trial {trial}: {(finished ? "finished before" : "killed at")} {delay.TotalSeconds:0.00} s ({fraction:P0})");
            }

            var killed = await StoreState.ReadAsync(store);
            var because = $"trial {trial} was killed at {delay.TotalSeconds:0.00} s";
            killed.Integrity.Should().Be("ok", because);
            killed.ForeignKeyProblems.Should().Be(0, because);
            killed.Indexes.Should().Equal(fixture.Empty.Indexes, "indexes set aside by the import come back with the rollback ({0})", because);
            if (killed.Batches.Count == 0)
            {
                killed.Contents.Should().Be(StoreContents.Empty, because);
                output.WriteLine("    nothing was committed; the next run is this one's re-run");
                killedEmpty = true;
                continue;
            }

            killed.Batches.Should().Equal(fixture.Uninterrupted.Batches, because);
            killed.Contents.Should().Be(fixture.Uninterrupted.Contents, because);
            using (var again = fixture.ImportProcess(store))
            {
                var rerun = await again.WaitAsync();
                rerun.ExitCode.Should().Be(expected.ExitCode, rerun.Error);
                Counts(rerun).Should().Be((0, Counts(expected).Added + Counts(expected).Duplicates, Counts(expected).Rejected), "all of it is stored ({0})", because);
            }

            (await StoreState.ReadAsync(store)).Contents.Should().Be(fixture.Uninterrupted.Contents, because);
            output.WriteLine("    the batch was committed, and a re-run added nothing");
            store = fixture.NewStore();
            killedEmpty = false;
        }

        if (killedEmpty)
        {
            using var last = fixture.ImportProcess(store);
            var rerun = await last.WaitAsync();

            rerun.ExitCode.Should().Be(expected.ExitCode, rerun.Error);
            Counts(rerun).Should().Be(Counts(expected), "a re-run after kills ends as a first run");
            var final = await StoreState.ReadAsync(store);
            final.Integrity.Should().Be("ok");
            final.Batches.Should().Equal(fixture.Uninterrupted.Batches);
            final.Contents.Should().Be(fixture.Uninterrupted.Contents);
        }
    }

    private static (int Added, int Duplicates, int Rejected) Counts(CliResult run) =>
        (CliProcess.Count(run, "added"), CliProcess.Count(run, "duplicates"), CliProcess.Count(run, "rejected"));
}
