namespace InviteTriage.Cli.Tests.Commands;

public sealed class DemoCommandTests : IDisposable
{
    private const string Robin = "robin@example.com";
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Demo_KnownMember_Exits0AndPrintsAShortSummary()
    {
        await _cli.AddMemberAsync(Robin);

        var result = await _cli.RunAsync("demo", "--user", Robin);

        result.ExitCode.Should().Be(0, result.Error);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Should().HaveCount(2);
        lines[0].Should().MatchRegex(@"^Loaded demo data for robin@example\.com: [2-5]\d\d invitation\(s\) added, 0 already there\.$");
        lines[1].Should().MatchRegex(@"^Open flocks: \d+ \([1-9]\d* likely, [1-9]\d* review\)\.");
        result.Error.Should().BeEmpty();
    }

    [Fact]
    public async Task Demo_KnownMember_LeavesFlocksAndInvitationsTheOtherVerbsShow()
    {
        await _cli.AddMemberAsync(Robin);

        await _cli.RunAsync("demo", "--user", Robin);

        var flocks = await _cli.FlocksAsync(Robin, "open");
        flocks.Should().HaveCountGreaterThanOrEqualTo(3);
        flocks.Strings("severity").Should().Contain("likely").And.Contain("review");
        (await _cli.InvitationsAsync(Robin)).Strings("source").Should().OnlyContain(source => source == "demo");
    }

    [Fact]
    public async Task Demo_Twice_AddsNothingTheSecondTime()
    {
        await _cli.AddMemberAsync(Robin);
        await _cli.RunAsync("demo", "--user", Robin);
        var before = (await _cli.InvitationsAsync(Robin)).Count;

        var again = await _cli.RunAsync("demo", "--user", Robin);

        again.ExitCode.Should().Be(0, again.Error);
        again.Out.Should().Contain($": 0 invitation(s) added, {before} already there.");
        (await _cli.InvitationsAsync(Robin)).Should().HaveCount(before);
    }

    [Fact]
    public async Task Demo_UnknownMember_Exits2()
    {
        var result = await _cli.RunAsync("demo", "--user", "nobody@example.com");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("nobody@example.com");
        result.Out.Should().BeEmpty();
    }

    [Fact]
    public async Task Demo_WithoutUser_Exits2BeforeTouchingTheStore()
    {
        var result = await _cli.RunAsync("demo");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("--user");
        File.Exists(_cli.DatabasePath).Should().BeFalse();
    }
}
