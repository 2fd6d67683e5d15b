using System.Net;

namespace InviteTriage.Web.Tests.Api;

[Collection(WebHostGroup.Name)]
public sealed class FlocksApiTests : IClassFixture<TriageWebFactory>
{
    private readonly TriageWebFactory _factory;

    public FlocksApiTests(TriageWebFactory factory) => _factory = factory;

    [Fact]
    public async Task GetFlock_OwnId_IsTheFlockAsListed()
    {
        var member = await ApiMember.CreateAsync(_factory, "get");
        await member.PostOkAsync("/api/invitations", Drafts.FourColleagues("Blum Shapiro"));
        var listed = await member.SingleFlockAsync();

        var flock = await member.GetOkAsync($"/api/flocks/{listed.GetProperty("id").GetInt64()}");

        flock.GetRawText().Should().Be(listed.GetRawText());
        flock.GetProperty("company").GetString().Should().Be("Blum Shapiro");
        flock.GetProperty("senderCount").GetInt32().Should().Be(4);
        flock.GetProperty("severity").GetString().Should().BeOneOf("review", "likely");
    }

    [Fact]
    public async Task GetFlock_UnknownId_Is404Problem()
    {
        var member = await ApiMember.CreateAsync(_factory, "unknown");

        var response = await member.Client.GetAsync("/api/flocks/987654321");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task ActOnFlock_NotKnown_MarksEveryMemberNotKnown_AndOneUndoMakesThemPendingAgain()
    {
        var member = await ApiMember.CreateAsync(_factory, "story");
        await member.PostOkAsync("/api/invitations", Drafts.FourColleagues("Haas Partner"));
        var flockId = (await member.SingleFlockAsync()).GetProperty("id").GetInt64();

        var action = await member.PostOkAsync($"/api/flocks/{flockId}/actions", new { action = "not-known" });
        var decided = await member.GetOkAsync($"/api/flocks/{flockId}");
        var undo = await member.PostOkAsync($"/api/history/{action.GetProperty("eventId").GetInt64()}/undo", new { });
        var restored = await member.GetOkAsync($"/api/flocks/{flockId}");

        action.GetProperty("changed").GetInt32().Should().Be(4);
        decided.GetProperty("status").GetString().Should().Be("resolved");
        decided.GetProperty("members").EnumerateArray().Should().OnlyContain(m => m.GetProperty("status").GetString() == "not-known");
        undo.GetProperty("changed").GetInt32().Should().Be(4);
        restored.GetProperty("status").GetString().Should().Be("open");
        restored.GetProperty("members").EnumerateArray().Should().OnlyContain(m => m.GetProperty("status").GetString() == "pending");
    }

    [Fact]
    public async Task Undo_Twice_IsRefusedWith400TheSecondTime()
    {
        var member = await ApiMember.CreateAsync(_factory, "twice");
        await member.PostOkAsync("/api/invitations", Drafts.FourColleagues("Kranz Audit"));
        var flockId = (await member.SingleFlockAsync()).GetProperty("id").GetInt64();
        var eventId = (await member.PostOkAsync($"/api/flocks/{flockId}/actions", new { action = "archive" })).GetProperty("eventId").GetInt64();
        await member.PostOkAsync($"/api/history/{eventId}/undo", new { });

        var second = await member.Client.PostAsync($"/api/history/{eventId}/undo", null);

        second.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        second.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await ApiMember.JsonAsync(second)).GetProperty("detail").GetString().Should().Contain("already undone");
        (await member.SingleFlockAsync()).GetProperty("members").EnumerateArray()
            .Should().OnlyContain(m => m.GetProperty("status").GetString() == "pending");
    }

    [Fact]
    public async Task Undo_AfterALaterChangeOfOneMember_Is409NamingItAndRestoresNothing()
    {
        var member = await ApiMember.CreateAsync(_factory, "conflict");
        await member.PostOkAsync("/api/invitations", Drafts.FourColleagues("Lorenz Steuer"));
        var flock = await member.SingleFlockAsync();
        var flockId = flock.GetProperty("id").GetInt64();
        var changedLater = flock.GetProperty("members")[2].GetProperty("invitationId").GetInt64();
        var eventId = (await member.PostOkAsync($"/api/flocks/{flockId}/actions", new { action = "not-known" })).GetProperty("eventId").GetInt64();
        await member.PostOkAsync("/api/invitations/actions", new { ids = new[] { changedLater }, action = "accept" });

        var response = await member.Client.PostAsync($"/api/history/{eventId}/undo", null);

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await ApiMember.JsonAsync(response);
        problem.GetProperty("conflicts").EnumerateArray().Select(c => c.GetInt64()).Should().Equal(changedLater);
        var members = (await member.GetOkAsync($"/api/flocks/{flockId}")).GetProperty("members").EnumerateArray()
            .ToDictionary(m => m.GetProperty("invitationId").GetInt64(), m => m.GetProperty("status").GetString());
        members.Should().HaveCount(4);
        members[changedLater].Should().Be("accepted");
        members.Where(m => m.Key != changedLater).Should().OnlyContain(m => m.Value == "not-known");
    }

    [Fact]
    public async Task ActOnFlock_Dismiss_DismissesTheFlock()
    {
        var member = await ApiMember.CreateAsync(_factory, "dismiss");
        await member.PostOkAsync("/api/invitations", Drafts.FourColleagues("Menzel Bau"));
        var flockId = (await member.SingleFlockAsync()).GetProperty("id").GetInt64();

        var result = await member.PostOkAsync($"/api/flocks/{flockId}/actions", new { action = "dismiss" });

        result.GetProperty("changed").GetInt32().Should().Be(4);
        (await member.GetOkAsync($"/api/flocks/{flockId}")).GetProperty("status").GetString().Should().Be("dismissed");
        (await member.GetOkAsync("/api/flocks?status=open")).GetArrayLength().Should().Be(0);
    }

    /// <summary>DESIGN.md's route lists every flock; paging is an addition that slices the same array.</summary>
    [Fact]
    public async Task ListFlocks_WithAPage_AnswersThatSliceOfTheWholeList_AndItsLengthInAHeader()
    {
        var member = await ApiMember.CreateAsync(_factory, "paged");
        foreach (var company in new[] { "Blum Shapiro", "Haas Partner", "Kranz Audit" })
        {
            await member.PostOkAsync("/api/invitations", Drafts.FourColleagues(company));
        }

        var whole = await member.Client.GetAsync("/api/flocks");
        var first = await member.Client.GetAsync("/api/flocks?pageSize=2");
        var second = await member.Client.GetAsync("/api/flocks?page=2&pageSize=2");
        var past = await member.Client.GetAsync("/api/flocks?page=9&pageSize=2");

        var all = (await ApiMember.JsonAsync(whole)).EnumerateArray().Select(f => f.GetRawText()).ToList();
        all.Should().HaveCount(3);
        whole.Headers.Contains("X-Total-Count").Should().BeFalse("the unpaged list is DESIGN.md's, unchanged");
        (await ApiMember.JsonAsync(first)).EnumerateArray().Select(f => f.GetRawText()).Should().Equal(all.Take(2));
        (await ApiMember.JsonAsync(second)).EnumerateArray().Select(f => f.GetRawText()).Should().Equal(all.Skip(2));
        (await ApiMember.JsonAsync(past)).GetArrayLength().Should().Be(0);
        foreach (var response in new[] { first, second, past })
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            response.Headers.GetValues("X-Total-Count").Should().Equal("3");
        }
    }

    [Fact]
    public async Task ListFlocks_ByStatus_ShowsOnlyFlocksInThatStatus()
    {
        var member = await ApiMember.CreateAsync(_factory, "by-status");
        await member.PostOkAsync("/api/invitations", Drafts.FourColleagues("Nagel Recht"));
        var flockId = (await member.SingleFlockAsync()).GetProperty("id").GetInt64();
        await member.PostOkAsync($"/api/flocks/{flockId}/actions", new { action = "accept" });

        var open = await member.GetOkAsync("/api/flocks?status=open");
        var resolved = await member.GetOkAsync("/api/flocks?status=resolved");
        var all = await member.GetOkAsync("/api/flocks?status=all");

        open.GetArrayLength().Should().Be(0);
        resolved.GetArrayLength().Should().Be(1);
        resolved[0].GetProperty("id").GetInt64().Should().Be(flockId);
        all.GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task ListFlocks_UnknownStatus_Is400NamingTheFieldAndItsValues()
    {
        var member = await ApiMember.CreateAsync(_factory, "bad-status");

        var response = await member.Client.GetAsync("/api/flocks?status=closed");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await ApiMember.JsonAsync(response);
        problem.GetProperty("errors").GetProperty("status")[0].GetString()
            .Should().Contain("'closed'").And.Contain("open|resolved|dismissed|withdrawn|all");
    }

    [Theory]
    [InlineData("{\"action\": \"delete\"}")]
    [InlineData("{\"action\": null}")]
    [InlineData("{}")]
    [InlineData("")]
    public async Task ActOnFlock_UnknownOrMissingAction_Is400NamingTheFieldAndChangesNothing(string body)
    {
        var member = await ApiMember.CreateAsync(_factory, "bad-action");
        await member.PostOkAsync("/api/invitations", Drafts.FourColleagues("Otto Verlag"));
        var flockId = (await member.SingleFlockAsync()).GetProperty("id").GetInt64();

        var response = await member.PostRawAsync($"/api/flocks/{flockId}/actions", body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await ApiMember.JsonAsync(response);
        problem.GetProperty("errors").GetProperty("action")[0].GetString().Should().Contain("accept|archive|not-known|restore|dismiss");
        (await member.GetOkAsync("/api/history?kind=status-changed")).GetProperty("total").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task ActOnFlock_UnknownFlock_Is404Problem()
    {
        var member = await ApiMember.CreateAsync(_factory, "no-flock");

        var response = await member.PostJsonAsync("/api/flocks/987654321/actions", new { action = "accept" });

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }
}
