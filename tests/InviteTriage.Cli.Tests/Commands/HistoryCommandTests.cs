namespace InviteTriage.Cli.Tests.Commands;

public sealed class HistoryCommandTests : IDisposable
{
    private const string Robin = "robin@example.com";
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task HistoryJson_AfterImportAndADecision_ListsEveryEventNewestFirst()
    {
        await _cli.MemberWithFourColleaguesAsync(Robin);
        var flockId = (await _cli.FlocksAsync(Robin)).Single().GetProperty("id").GetInt64();
        await _cli.RunAsync("act", "--user", Robin, "--flock", $"{flockId}", "--action", "not-known");

        var history = await _cli.HistoryAsync(Robin);

        history.Strings("kind").Should().Equal("status-changed", "flock-detected", "imported");
        history.Select(e => e.GetProperty("id").GetInt64()).Should().BeInDescendingOrder();
        var decision = history[0];
        decision.GetProperty("actor").GetString().Should().Be(Robin);
        decision.GetProperty("flockId").GetInt64().Should().Be(flockId);
        decision.GetProperty("changes").EnumerateArray().Strings("after").Should().AllBe("not-known").And.HaveCount(4);
        history[1].GetProperty("actor").GetString().Should().Be("detector");
    }

    [Fact]
    public async Task History_AsText_IsOneLinePerEventWithKindActorAndSummary()
    {
        await _cli.MemberWithFourColleaguesAsync(Robin);

        var result = await _cli.RunAsync("history", "--user", Robin);

        result.ExitCode.Should().Be(0, result.Error);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2);
        lines[0].Should().Contain("flock-detected").And.Contain("detector").And.Contain("Pellmore Rusk LLP");
        lines[1].Should().Contain("imported").And.Contain(Robin);
    }

    [Fact]
    public async Task History_NewMember_HasNoEvents()
    {
        await _cli.AddMemberAsync(Robin);

        var json = await _cli.HistoryAsync(Robin);
        var text = await _cli.RunAsync("history", "--user", Robin);

        json.Should().BeEmpty();
        text.Out.Should().Contain("No history yet.");
    }

    [Fact]
    public async Task History_UnknownMember_Exits2()
    {
        var result = await _cli.RunAsync("history", "--user", "nobody@example.com");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("nobody@example.com");
    }
}
