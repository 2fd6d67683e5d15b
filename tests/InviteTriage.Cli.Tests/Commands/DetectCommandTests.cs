using Microsoft.Data.Sqlite;

namespace InviteTriage.Cli.Tests.Commands;

public sealed class DetectCommandTests : IDisposable
{
    private const string Robin = "robin@example.com";
    private const string Kai = "kai@example.com";
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task DetectUser_StoreWithoutFlocks_FindsTheFlockAgain()
    {
        await _cli.MemberWithFourColleaguesAsync(Robin);
        await ForgetAllFlocksAsync();
        (await _cli.FlocksAsync(Robin)).Should().BeEmpty();

        var result = await _cli.RunAsync("detect", "--user", Robin);

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().Contain(Robin).And.Contain("1 open");
        var flock = (await _cli.FlocksAsync(Robin, "open")).Should().ContainSingle().Subject;
        flock.GetProperty("members").EnumerateArray().Should().HaveCount(4);
    }

    [Fact]
    public async Task DetectAll_StoreWithoutFlocks_FindsEveryMembersFlocks()
    {
        await _cli.MemberWithFourColleaguesAsync(Robin);
        await _cli.MemberWithFourColleaguesAsync(Kai, company: "Quill & Sons");
        await ForgetAllFlocksAsync();

        var result = await _cli.RunAsync("detect", "--all");

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().Contain("2 member(s)");
        (await _cli.FlocksAsync(Robin)).Strings("company").Should().Equal("Pellmore Rusk LLP");
        (await _cli.FlocksAsync(Kai)).Strings("company").Should().Equal("Quill & Sons");
    }

    [Fact]
    public async Task DetectUser_AfterADecision_KeepsTheDecision()
    {
        await _cli.MemberWithFourColleaguesAsync(Robin);
        var flockId = (await _cli.FlocksAsync(Robin)).Single().GetProperty("id").GetInt64();
        await _cli.RunAsync("act", "--user", Robin, "--flock", $"{flockId}", "--action", "not-known");

        var result = await _cli.RunAsync("detect", "--user", Robin);

        result.ExitCode.Should().Be(0, result.Error);
        (await _cli.InvitationsAsync(Robin)).Strings("status").Should().AllBe("not-known");
    }

    [Theory]
    [InlineData("detect")]
    [InlineData("detect", "--all", "--user", Robin)]
    public async Task Detect_NeitherOrBothOfUserAndAll_Exits2BeforeTouchingTheStore(params string[] args)
    {
        var result = await _cli.RunAsync(args);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("--user").And.Contain("--all");
        File.Exists(_cli.DatabasePath).Should().BeFalse();
    }

    [Fact]
    public async Task DetectUser_UnknownMember_Exits2()
    {
        var result = await _cli.RunAsync("detect", "--user", "nobody@example.com");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("nobody@example.com");
    }

    // As if the flocks had never been computed: the invitations stay, detection has to find the flocks again.
    private async Task ForgetAllFlocksAsync()
    {
        await using var connection = new SqliteConnection(_cli.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA foreign_keys = ON; DELETE FROM Flocks;";
        await command.ExecuteNonQueryAsync();
    }
}
