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

    // Each trial kills within its own tenth of the uninterrupted run's time (and a little past it, where the run may
    // already be over), at a random point there: every phase of the import gets killed in some trial.
    public static TheoryData<int> TrialNumbers() => [.. Enumerable.Range(0, Trials)];

    [Theory]
    [MemberData(nameof(TrialNumbers))]
    public async Task AnImportKilledAtARandomMoment_LeavesItsBatchWholeOrAbsent_AndRunningItAgainEndsAsAnUninterruptedRun(int trial)
    {
        var store = fixture.NewStore();
        var fraction = (trial + Random.Shared.NextDouble()) / Trials * 1.1;
        var delay = fixture.UninterruptedTime * fraction;
        output.WriteLine($"uninterrupted: {fixture.UninterruptedTime.TotalSeconds:0.0} s; killing at {delay.TotalSeconds:0.00} s ({fraction:P0})");

        using (var import = fixture.ImportProcess(store))
        {
            await Task.Delay(delay);
            output.WriteLine(import.HasExited ? "the import had finished" : "killed");
            await import.KillAsync();
        }

        var killed = await StoreState.ReadAsync(store);
        killed.Integrity.Should().Be("ok");
        killed.ForeignKeyProblems.Should().Be(0);
        killed.Indexes.Should().Equal(fixture.Empty.Indexes, "indexes set aside by the import come back with the rollback");
        var whole = killed.Batches.Count == 1;
        output.WriteLine(whole ? "the batch was committed" : "nothing was committed");
        if (whole)
        {
            killed.Batches.Should().Equal(fixture.Uninterrupted.Batches);
            killed.Contents.Should().Be(fixture.Uninterrupted.Contents);
        }
        else
        {
            killed.Batches.Should().BeEmpty();
            killed.Contents.Should().Be(StoreContents.Empty);
        }

        using var again = fixture.ImportProcess(store);
        var rerun = await again.WaitAsync();

        rerun.ExitCode.Should().Be(fixture.UninterruptedRun.ExitCode, rerun.Error);
        var expected = fixture.UninterruptedRun;
        (CliProcess.Count(rerun, "added"), CliProcess.Count(rerun, "duplicates"), CliProcess.Count(rerun, "rejected")).Should().Be(whole
            ? (0, CliProcess.Count(expected, "added") + CliProcess.Count(expected, "duplicates"), CliProcess.Count(expected, "rejected"))
            : (CliProcess.Count(expected, "added"), CliProcess.Count(expected, "duplicates"), CliProcess.Count(expected, "rejected")));
        var final = await StoreState.ReadAsync(store);
        final.Integrity.Should().Be("ok");
        final.Contents.Should().Be(fixture.Uninterrupted.Contents);
    }
}
