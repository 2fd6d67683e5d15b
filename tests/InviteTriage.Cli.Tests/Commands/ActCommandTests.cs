namespace InviteTriage.Cli.Tests.Commands;

public sealed class ActCommandTests : IDisposable
{
    private const string Robin = "robin@example.com";
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task ActOnFlock_NotKnown_MarksEveryMemberAndResolvesTheFlock()
    {
        await _cli.MemberWithFourColleaguesAsync(Robin);
        var flockId = await FlockIdAsync();

        var result = await _cli.RunAsync("act", "--user", Robin, "--flock", $"{flockId}", "--action", "not-known");

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().Contain($"Marked 4 invitation(s) of flock {flockId} as not known");
        (await _cli.InvitationsAsync(Robin)).Strings("status").Should().AllBe("not-known").And.HaveCount(4);
        (await _cli.FlocksAsync(Robin)).Single().GetProperty("status").GetString().Should().Be("resolved");
    }

    [Fact]
    public async Task ActOnInvitations_SeveralIds_ChangesExactlyThose()
    {
        await _cli.MemberWithFourColleaguesAsync(Robin);
        var ids = (await _cli.InvitationsAsync(Robin)).Select(i => i.GetProperty("id").GetInt64()).ToList();

        var result = await _cli.RunAsync("act", "--user", Robin, "--invitation", $"{ids[0]}", $"{ids[1]}", "--invitation", $"{ids[2]}", "--action", "archive");

        result.ExitCode.Should().Be(0, result.Error);
        var statuses = (await _cli.InvitationsAsync(Robin)).ToDictionary(i => i.GetProperty("id").GetInt64(), i => i.GetProperty("status").GetString());
        statuses.Where(s => s.Value == "archived").Select(s => s.Key).Should().BeEquivalentTo(ids.Take(3));
        statuses[ids[3]].Should().Be("pending");
    }

    [Fact]
    public async Task ActOnFlock_Restore_BringsDecidedMembersBackToPending()
    {
        await _cli.MemberWithFourColleaguesAsync(Robin);
        var flockId = await FlockIdAsync();
        await _cli.RunAsync("act", "--user", Robin, "--flock", $"{flockId}", "--action", "accept");

        var result = await _cli.RunAsync("act", "--user", Robin, "--flock", $"{flockId}", "--action", "restore");

        result.ExitCode.Should().Be(0, result.Error);
        (await _cli.InvitationsAsync(Robin)).Strings("status").Should().AllBe("pending");
    }

    [Fact]
    public async Task ActOnFlock_Dismiss_DismissesTheFlock()
    {
        await _cli.MemberWithFourColleaguesAsync(Robin);
        var flockId = await FlockIdAsync();

        var result = await _cli.RunAsync("act", "--user", Robin, "--flock", $"{flockId}", "--action", "dismiss");

        result.ExitCode.Should().Be(0, result.Error);
        (await _cli.FlocksAsync(Robin, "dismissed")).Select(f => f.GetProperty("id").GetInt64()).Should().Equal(flockId);
    }

    [Fact]
    public async Task ActOnFlock_UnknownId_Exits2AndChangesNothing()
    {
        await _cli.MemberWithFourColleaguesAsync(Robin);

        var result = await _cli.RunAsync("act", "--user", Robin, "--flock", "999999", "--action", "not-known");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("999999");
        result.Out.Should().BeEmpty();
        (await _cli.InvitationsAsync(Robin)).Strings("status").Should().AllBe("pending");
    }

    [Fact]
    public async Task ActOnFlock_AnotherMembersFlock_Exits2AndChangesNothing()
    {
        await _cli.MemberWithFourColleaguesAsync(Robin);
        var robinsFlock = await FlockIdAsync();
        await _cli.AddMemberAsync("kai@example.com");

        var result = await _cli.RunAsync("act", "--user", "kai@example.com", "--flock", $"{robinsFlock}", "--action", "archive");

        result.ExitCode.Should().Be(2);
        (await _cli.InvitationsAsync(Robin)).Strings("status").Should().AllBe("pending");
    }

    [Fact]
    public async Task ActOnInvitations_OneIdUnknown_Exits2AndChangesNoneOfThem()
    {
        await _cli.MemberWithFourColleaguesAsync(Robin);
        var known = (await _cli.InvitationsAsync(Robin))[0].GetProperty("id").GetInt64();

        var result = await _cli.RunAsync("act", "--user", Robin, "--invitation", $"{known}", "999999", "--action", "accept");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("nothing was changed");
        (await _cli.InvitationsAsync(Robin)).Strings("status").Should().AllBe("pending");
    }

    [Fact]
    public async Task ActOnInvitations_Dismiss_Exits2BecauseItAppliesToFlocksOnly()
    {
        await _cli.MemberWithFourColleaguesAsync(Robin);
        var id = (await _cli.InvitationsAsync(Robin))[0].GetProperty("id").GetInt64();

        var result = await _cli.RunAsync("act", "--user", Robin, "--invitation", $"{id}", "--action", "dismiss");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("flocks");
    }

    [Theory]
    [InlineData("act", "--user", Robin, "--flock", "1", "--invitation", "2", "--action", "accept")]
    [InlineData("act", "--user", Robin, "--action", "accept")]
    [InlineData("act", "--user", Robin, "--flock", "1", "--action", "approve")]
    [InlineData("act", "--user", Robin, "--flock", "1")]
    [InlineData("act", "--user", Robin, "--flock", "one", "--action", "accept")]
    public async Task Act_BadUsage_Exits2BeforeTouchingTheStore(params string[] args)
    {
        var result = await _cli.RunAsync(args);

        result.ExitCode.Should().Be(2);
        result.Error.Should().NotBeEmpty();
        File.Exists(_cli.DatabasePath).Should().BeFalse("a usage error must change nothing, not even create the store");
    }

    [Fact]
    public async Task Act_BadAction_ListsTheAllowedActions()
    {
        var result = await _cli.RunAsync("act", "--user", Robin, "--flock", "1", "--action", "approve");

        result.Error.Should().Contain("accept|archive|not-known|restore|dismiss");
    }

    private async Task<long> FlockIdAsync() =>
        (await _cli.FlocksAsync(Robin)).Should().ContainSingle().Subject.GetProperty("id").GetInt64();
}
