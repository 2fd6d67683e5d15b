using InviteTriage.Corpus;

namespace InviteTriage.Cli.Tests.Commands;

/// <summary>
/// Every file of the hostile corpus through <c>import</c>, as a user would type it: exit 2 with the file named and the
/// store unchanged when it is refused, exit 1 with <c>file:line: reason</c> on stderr when rows are rejected, and never
/// the catch-all "invitetriage failed" that an unexpected exception ends in.
/// </summary>
public sealed class ImportCommandCorpusTests : IClassFixture<ImportCommandCorpusTests.MemberStore>
{
    private const string Robin = "robin@example.com";
    private readonly CliRun _cli;

    public ImportCommandCorpusTests(MemberStore store) => _cli = store.Cli;

    [Theory]
    [MemberData(nameof(HostileCorpus.Names), MemberType = typeof(HostileCorpus))]
    public async Task Import_HostileFile_ExitsAsTheCorpusSays(string name)
    {
        var file = HostileCorpus.Get(name);
        using var copy = await file.MaterializeAsync();
        var before = await StoreChecksum.OfAsync(_cli.DatabasePath);

        var result = await _cli.RunAsync("import", "--user", Robin, copy.Path).WaitAsync(HostileCorpus.TimeoutPerFile);

        result.Error.Should().NotContain("invitetriage failed", "a hostile file is the user's problem to fix, not a crash");
        var messages = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => !IsProgress(line)).ToList();
        switch (file.Expected)
        {
            case CorpusOutcome.Refused:
                result.ExitCode.Should().Be(2, result.Error);
                result.Error.Should().Contain(copy.FileName).And.Contain("Nothing was imported");
                result.Out.Should().BeEmpty();
                (await StoreChecksum.OfAsync(_cli.DatabasePath)).Should().Be(before, "a refused file changes nothing");
                break;
            case CorpusOutcome.Partial:
                result.ExitCode.Should().Be(1, result.Error);
                messages.Should().NotBeEmpty().And.OnlyContain(line => HostileCorpus.IsRejectionOf(line, copy.FileName));
                result.Out.Should().Contain("rejected: ");
                break;
            default:
                result.ExitCode.Should().Be(0, result.Error);
                messages.Should().BeEmpty();
                break;
        }
    }

    // Redirected, the progress is plain lines on stderr between the rejections.
    private static bool IsProgress(string line) =>
        line.StartsWith("Reading ", StringComparison.Ordinal) || line.EndsWith(" rows read", StringComparison.Ordinal);

    /// <summary>One store with Robin in it for the whole corpus; each file is checked against the store as it was just before.</summary>
    public sealed class MemberStore : IAsyncLifetime
    {
        public CliRun Cli { get; } = new();

        public Task InitializeAsync() => Cli.AddMemberAsync(Robin);

        public Task DisposeAsync()
        {
            Cli.Dispose();
            return Task.CompletedTask;
        }
    }
}
