namespace InviteTriage.Cli.Tests.Commands;

public sealed class InvitationsCommandTests : IDisposable
{
    private const string Robin = "robin@example.com";
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task InvitationsJson_AfterAnImport_HasEveryFieldOfTheDesignNewestFirst()
    {
        await _cli.MemberWithFourColleaguesAsync(Robin);

        var invitations = await _cli.InvitationsAsync(Robin);

        invitations.Strings("senderName").Should().Equal("Sam Oduya", "Lee Marsh", "Kim Ortega", "Ada Fenwick");
        var kim = invitations[2];
        kim.EnumerateObject().Select(p => p.Name).Should().Contain(
            ["id", "externalId", "senderName", "senderHeadline", "company", "companyKey", "sentAt", "message", "status", "flockId", "source"]);
        kim.GetProperty("senderHeadline").GetString().Should().Be("Senior Associate");
        kim.GetProperty("company").GetString().Should().Be("Pellmore Rusk LLP");
        kim.GetProperty("message").GetString().Should().Be("I'd like to add you to my professional network on LinkedIn.");
        kim.GetProperty("status").GetString().Should().Be("pending");
        kim.GetProperty("source").GetString().Should().Be("csv");
        kim.GetProperty("flockId").GetInt64().Should().BePositive();
    }

    [Fact]
    public async Task InvitationsJson_MoreThanOnePage_ListsThemAll()
    {
        await _cli.AddMemberAsync(Robin);
        await _cli.ImportRowsAsync(Robin, "many.csv", InvitationCsv.Unrelated(1_101));

        var invitations = await _cli.InvitationsAsync(Robin);

        invitations.Should().HaveCount(1_101);
        invitations.Select(i => i.GetProperty("id").GetInt64()).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Invitations_StatusFilter_ListsOnlyThatStatus()
    {
        await _cli.MemberWithFourColleaguesAsync(Robin);
        var ada = (await _cli.InvitationsAsync(Robin)).Single(i => i.GetProperty("senderName").GetString() == "Ada Fenwick");
        await _cli.RunAsync("act", "--user", Robin, "--invitation", $"{ada.GetProperty("id").GetInt64()}", "--action", "not-known");

        var notKnown = await _cli.InvitationsAsync(Robin, "not-known");

        notKnown.Strings("senderName").Should().Equal("Ada Fenwick");
        (await _cli.InvitationsAsync(Robin, "pending")).Should().HaveCount(3);
    }

    [Fact]
    public async Task Invitations_NoneYet_IsAnEmptyArrayOrASentence()
    {
        await _cli.AddMemberAsync(Robin);

        var json = await _cli.RunAsync("invitations", "--user", Robin, "--json");
        var text = await _cli.RunAsync("invitations", "--user", Robin);

        json.JsonArray().Should().BeEmpty();
        text.Out.Should().Contain("No invitations.");
    }

    [Fact]
    public async Task Invitations_AsText_IsOneLinePerInvitationWithItsFlock()
    {
        await _cli.MemberWithFourColleaguesAsync(Robin);

        var result = await _cli.RunAsync("invitations", "--user", Robin);

        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(5, "a header and four invitations");
        lines[1].Should().Contain("2025-11-24 11:12").And.Contain("pending").And.Contain("Sam Oduya (Pellmore Rusk LLP)");
    }

    [Fact]
    public async Task Invitations_BadStatus_Exits2ListingTheAllowedValues()
    {
        await _cli.AddMemberAsync(Robin);

        var result = await _cli.RunAsync("invitations", "--user", Robin, "--status", "unknown");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("pending|accepted|archived|not-known|all");
    }
}
