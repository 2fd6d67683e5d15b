using System.Text.Json;

namespace InviteTriage.Cli.Tests.Commands;

public sealed class FlocksCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task FlocksJson_FourColleaguesOfOneFirm_IsOneFlockOfTheFourWithFlockCompany()
    {
        var robin = await _cli.MemberWithFourColleaguesAsync();

        var flocks = await _cli.FlocksAsync(robin, status: "open");

        var flock = flocks.Should().ContainSingle().Subject;
        flock.GetProperty("company").GetString().Should().Be("Pellmore Rusk LLP");
        flock.GetProperty("companyKey").GetString().Should().Be("pellmorerusk");
        flock.GetProperty("status").GetString().Should().Be("open");
        flock.GetProperty("severity").GetString().Should().BeOneOf("review", "likely");
        flock.GetProperty("firstSentAt").GetDateTime().Should().Be(new DateTime(2025, 11, 24, 9, 2, 0, DateTimeKind.Utc));
        flock.GetProperty("lastSentAt").GetDateTime().Should().Be(new DateTime(2025, 11, 24, 11, 12, 0, DateTimeKind.Utc));
        flock.GetProperty("members").EnumerateArray().Strings("senderName").Should().Equal("Ada Fenwick", "Kim Ortega", "Lee Marsh", "Sam Oduya");
        flock.GetProperty("reasons").EnumerateArray().Strings("rule").Should().Contain("FLOCK_COMPANY");
        var score = flock.GetProperty("reasons").EnumerateArray().Sum(r => r.GetProperty("score").GetDouble());
        flock.GetProperty("score").GetDouble().Should().BeApproximately(score, 1e-9, "a flock's score is the sum of its reasons");
    }

    [Fact]
    public async Task FlocksJson_Elements_HaveEveryFieldOfTheDesign()
    {
        var robin = await _cli.MemberWithFourColleaguesAsync();

        var flock = (await _cli.FlocksAsync(robin)).Single();

        flock.EnumerateObject().Select(p => p.Name).Should().Contain(
            ["id", "company", "companyKey", "score", "severity", "status", "firstSentAt", "lastSentAt", "members", "reasons"]);
        flock.GetProperty("members")[0].EnumerateObject().Select(p => p.Name).Should().Contain(["invitationId", "externalId", "senderName", "sentAt", "status"]);
        flock.GetProperty("reasons")[0].EnumerateObject().Select(p => p.Name).Should().Contain(["rule", "score", "detail"]);
        flock.GetProperty("id").ValueKind.Should().Be(JsonValueKind.Number);
    }

    [Fact]
    public async Task Flocks_AsText_ShowsEachReasonTheWaySpamFiltersDo()
    {
        var robin = await _cli.MemberWithFourColleaguesAsync();

        var result = await _cli.RunAsync("flocks", "--user", robin);

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().Contain("Pellmore Rusk LLP").And.Contain("FLOCK_COMPANY (+3.0) Pellmore Rusk LLP: 4 senders");
        result.Out.Should().ContainAll("Ada Fenwick", "Kim Ortega", "Lee Marsh", "Sam Oduya");
    }

    [Fact]
    public async Task Flocks_DefaultStatus_ListsOnlyOpenFlocks()
    {
        var robin = await _cli.MemberWithFourColleaguesAsync();
        var id = (await _cli.FlocksAsync(robin)).Single().GetProperty("id").GetInt64();
        await _cli.RunAsync("act", "--user", robin, "--flock", $"{id}", "--action", "archive");

        var open = await _cli.RunAsync("flocks", "--user", robin, "--json");

        open.JsonArray().Should().BeEmpty("the flock is resolved once every member is decided");
        (await _cli.FlocksAsync(robin, "resolved")).Should().ContainSingle();
        (await _cli.RunAsync("flocks", "--user", robin)).Out.Should().Contain("No open flocks.");
    }

    [Fact]
    public async Task Flocks_OnlyTheMembersOwn_AreListed()
    {
        var robin = await _cli.MemberWithFourColleaguesAsync();
        await _cli.AddMemberAsync("kai@example.com");

        var kais = await _cli.FlocksAsync("kai@example.com");

        kais.Should().BeEmpty();
        (await _cli.FlocksAsync(robin)).Should().ContainSingle();
    }

    [Fact]
    public async Task Flocks_BadStatus_Exits2ListingTheAllowedValues()
    {
        var robin = await _cli.MemberWithFourColleaguesAsync();

        var result = await _cli.RunAsync("flocks", "--user", robin, "--status", "closed");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("'closed'").And.Contain("open|resolved|dismissed|withdrawn|all");
        result.Out.Should().BeEmpty();
    }

    [Fact]
    public async Task Flocks_UnknownMember_Exits2()
    {
        var result = await _cli.RunAsync("flocks", "--user", "nobody@example.com", "--json");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("nobody@example.com");
        result.Out.Should().BeEmpty();
    }
}
