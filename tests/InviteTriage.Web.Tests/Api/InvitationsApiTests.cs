using System.Net;

namespace InviteTriage.Web.Tests.Api;

[Collection(WebHostGroup.Name)]
public sealed class InvitationsApiTests : IClassFixture<TriageWebFactory>
{
    private readonly TriageWebFactory _factory;

    public InvitationsApiTests(TriageWebFactory factory) => _factory = factory;

    [Fact]
    public async Task PostDrafts_FourColleaguesOfOneFirmWithinAMorning_MakeOneFlockOfFourWithFlockCompany()
    {
        var member = await ApiMember.CreateAsync(_factory, "story");

        var summary = await member.PostOkAsync("/api/invitations", Drafts.FourColleagues("Blum Shapiro"));
        var flock = await member.SingleFlockAsync();

        summary.GetProperty("added").GetInt32().Should().Be(4);
        summary.GetProperty("rejected").GetArrayLength().Should().Be(0);
        summary.GetProperty("batchId").GetInt64().Should().BePositive();
        flock.GetProperty("members").GetArrayLength().Should().Be(4);
        flock.GetProperty("status").GetString().Should().Be("open");
        flock.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("rule").GetString())
            .Should().Contain("FLOCK_COMPANY");
    }

    [Fact]
    public async Task PostDrafts_OneObjectInsteadOfAnArray_IsAdded()
    {
        var member = await ApiMember.CreateAsync(_factory, "single");

        var summary = await member.PostOkAsync("/api/invitations", Drafts.One("Lena Vogt", Drafts.Morning, "Vogt Legal"));
        var page = await member.GetOkAsync("/api/invitations");

        summary.GetProperty("added").GetInt32().Should().Be(1);
        summary.GetProperty("duplicates").GetInt32().Should().Be(0);
        summary.GetProperty("merged").GetInt32().Should().Be(0);
        page.GetProperty("total").GetInt32().Should().Be(1);
        page.GetProperty("items")[0].GetProperty("senderName").GetString().Should().Be("Lena Vogt");
        page.GetProperty("items")[0].GetProperty("source").GetString().Should().Be("json");
    }

    [Fact]
    public async Task PostDrafts_OneElementWithoutSentAt_RejectsThatIndexAndAddsTheOthers()
    {
        var member = await ApiMember.CreateAsync(_factory, "partial");
        var drafts = Drafts.FourColleagues("Haas Partner")[..3];
        drafts[1].Remove("sentAt");

        var summary = await member.PostOkAsync("/api/invitations", drafts);

        summary.GetProperty("added").GetInt32().Should().Be(2);
        var rejected = summary.GetProperty("rejected").EnumerateArray().ToList();
        rejected.Should().ContainSingle();
        rejected[0].GetProperty("index").GetInt32().Should().Be(1);
        rejected[0].GetProperty("error").GetString().Should().Contain("sentAt");
        summary.GetProperty("rejectedCount").GetInt32().Should().Be(1, "the list holds the first 1,000 and the count all of them");
    }

    [Theory]
    [InlineData("senderName=Anna&sentAt=2025-11-24", "application/x-www-form-urlencoded")]
    [InlineData("hello", "text/plain")]
    [InlineData("", "application/json")]
    [InlineData("42", "application/json")]
    [InlineData("\"a draft\"", "application/json")]
    [InlineData("[{\"senderName\": \"Anna Berg\", \"sentAt\": \"2025-11-24T08:05:00Z\"}, {\"senderName\": ", "application/json")]
    [InlineData("{\"senderName\": \"Anna Berg\", \"sentAt\": \"2025-11-24T08:05:00Z\"", "application/json")]
    public async Task PostDrafts_BodyNotADraftOrAnArray_Is400ProblemAndStoresNothing(string body, string mediaType)
    {
        var member = await ApiMember.CreateAsync(_factory, "garbage");

        var response = await member.PostRawAsync("/api/invitations", body, mediaType);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await ApiMember.JsonAsync(response);
        problem.GetProperty("detail").GetString().Should().NotBeNullOrWhiteSpace();
        (await member.GetOkAsync("/api/invitations")).GetProperty("total").GetInt32().Should().Be(0);
        (await member.GetOkAsync("/api/history")).GetProperty("total").GetInt32().Should().Be(0, "a refused body records no import");
    }

    [Fact]
    public async Task PostDrafts_NestedDeeperThanAnyDraft_Is400AndStoresNothing()
    {
        var member = await ApiMember.CreateAsync(_factory, "deep");

        var response = await member.PostRawAsync("/api/invitations", new string('[', 10_000) + new string(']', 10_000));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await member.GetOkAsync("/api/invitations")).GetProperty("total").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task PostDrafts_ElementsOfTheWrongShape_AreRejectedByIndex()
    {
        var member = await ApiMember.CreateAsync(_factory, "shapes");
        var good = Drafts.One("Lena Vogt", Drafts.Morning, "Vogt Legal");
        var future = Drafts.One("Ida Sommer", DateTime.UtcNow.AddDays(3), "Sommer Design");
        var numericName = new Dictionary<string, object?> { ["senderName"] = 1e300, ["sentAt"] = "2025-11-24T08:05:00Z" };

        var summary = await member.PostOkAsync("/api/invitations", new object[] { 42, good, numericName, future });

        summary.GetProperty("added").GetInt32().Should().Be(1);
        summary.GetProperty("rejected").EnumerateArray().Select(r => r.GetProperty("index").GetInt32()).Should().Equal(0, 2, 3);
        summary.GetProperty("rejected")[2].GetProperty("error").GetString().Should().Contain("future");
    }

    [Fact]
    public async Task PostDrafts_NotJson_NamesTheProblem()
    {
        var member = await ApiMember.CreateAsync(_factory, "named");

        var response = await member.PostRawAsync("/api/invitations", "hello", "text/plain");

        var problem = await ApiMember.JsonAsync(response);
        problem.GetProperty("detail").GetString().Should().Contain("not JSON");
    }

    [Fact]
    public async Task PostDrafts_SameDraftsAgain_CountsThemAsDuplicates()
    {
        var member = await ApiMember.CreateAsync(_factory, "again");
        await member.PostOkAsync("/api/invitations", Drafts.FourColleagues("Kranz Audit"));

        var second = await member.PostOkAsync("/api/invitations", Drafts.FourColleagues("Kranz Audit"));

        second.GetProperty("added").GetInt32().Should().Be(0);
        second.GetProperty("duplicates").GetInt32().Should().Be(4);
        (await member.GetOkAsync("/api/invitations")).GetProperty("total").GetInt32().Should().Be(4);
    }

    [Fact]
    public async Task GetInvitation_InAFlockAfterAnAction_ShowsItsReasonsAndItsHistory()
    {
        var member = await ApiMember.CreateAsync(_factory, "detail");
        await member.PostOkAsync("/api/invitations", Drafts.FourColleagues("Lorenz Steuer"));
        var flock = await member.SingleFlockAsync();
        await member.PostOkAsync($"/api/flocks/{flock.GetProperty("id").GetInt64()}/actions", new { action = "not-known" });
        var id = flock.GetProperty("members")[0].GetProperty("invitationId").GetInt64();

        var detail = await member.GetOkAsync($"/api/invitations/{id}");

        detail.GetProperty("invitation").GetProperty("id").GetInt64().Should().Be(id);
        detail.GetProperty("invitation").GetProperty("status").GetString().Should().Be("not-known");
        detail.GetProperty("senderProfileUrl").GetString().Should().NotBeNullOrEmpty();
        detail.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("rule").GetString())
            .Should().Contain("FLOCK_COMPANY");
        var history = detail.GetProperty("history").EnumerateArray().ToList();
        history.Select(h => h.GetProperty("kind").GetString()).Should().Contain(["flock-detected", "status-changed"]);
        history.Single(h => h.GetProperty("kind").GetString() == "status-changed").GetProperty("after").GetString()
            .Should().Be("not-known");
    }

    [Fact]
    public async Task GetInvitation_UnknownId_Is404Problem()
    {
        var member = await ApiMember.CreateAsync(_factory, "missing");

        var response = await member.Client.GetAsync("/api/invitations/987654321");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task ActOnInvitations_Archive_ArchivesExactlyThose()
    {
        var member = await ApiMember.CreateAsync(_factory, "archive");
        await member.PostOkAsync("/api/invitations", Drafts.FourColleagues("Menzel Bau"));
        var ids = (await member.SingleFlockAsync()).GetProperty("members").EnumerateArray()
            .Select(m => m.GetProperty("invitationId").GetInt64()).ToList();

        var result = await member.PostOkAsync("/api/invitations/actions", new { ids = ids.Take(2), action = "archive" });

        result.GetProperty("changed").GetInt32().Should().Be(2);
        result.GetProperty("eventId").GetInt64().Should().BePositive();
        result.GetProperty("message").GetString().Should().NotBeNullOrEmpty();
        (await member.StatusOfAsync(ids[0])).Should().Be("archived");
        (await member.StatusOfAsync(ids[1])).Should().Be("archived");
        (await member.StatusOfAsync(ids[2])).Should().Be("pending");
    }

    [Theory]
    [InlineData("{\"ids\": [1], \"action\": \"delete\"}")]
    [InlineData("{\"ids\": [1]}")]
    [InlineData("{\"ids\": [1], \"action\": \"\"}")]
    public async Task ActOnInvitations_UnknownOrMissingAction_Is400NamingTheFieldAndItsValues(string body)
    {
        var member = await ApiMember.CreateAsync(_factory, "bad-action");

        var response = await member.PostRawAsync("/api/invitations/actions", body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await ApiMember.JsonAsync(response);
        problem.GetProperty("errors").GetProperty("action")[0].GetString().Should().Contain("accept|archive|not-known|restore|dismiss");
    }

    [Theory]
    [InlineData("{\"ids\": \"all\", \"action\": \"accept\"}")]
    [InlineData("{\"ids\": [1e400], \"action\": \"accept\"}")]
    [InlineData("not json")]
    public async Task ActOnInvitations_MalformedBody_Is400(string body)
    {
        var member = await ApiMember.CreateAsync(_factory, "malformed");

        var response = await member.PostRawAsync("/api/invitations/actions", body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ActOnInvitations_Dismiss_Is400ProblemAndChangesNothing()
    {
        var member = await ApiMember.CreateAsync(_factory, "dismiss-one");
        var added = await member.PostOkAsync("/api/invitations", Drafts.One("Ida Sommer", Drafts.Morning, "Sommer Design"));
        var id = (await member.GetOkAsync("/api/invitations")).GetProperty("items")[0].GetProperty("id").GetInt64();

        var response = await member.PostJsonAsync("/api/invitations/actions", new { ids = new[] { id }, action = "dismiss" });

        added.GetProperty("added").GetInt32().Should().Be(1);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await ApiMember.JsonAsync(response)).GetProperty("detail").GetString().Should().Contain("flocks");
        (await member.StatusOfAsync(id)).Should().Be("pending");
    }

    [Fact]
    public async Task ListInvitations_ByFlock_ShowsItsMembers()
    {
        var member = await ApiMember.CreateAsync(_factory, "by-flock");
        await member.PostOkAsync("/api/invitations", Drafts.FourColleagues("Nagel Recht"));
        await member.PostOkAsync("/api/invitations", Drafts.One("Ida Sommer", Drafts.Morning, "Sommer Design"));
        var flockId = (await member.SingleFlockAsync()).GetProperty("id").GetInt64();

        var page = await member.GetOkAsync($"/api/invitations?flockId={flockId}");

        page.GetProperty("total").GetInt32().Should().Be(4);
        page.GetProperty("items").EnumerateArray().Should().OnlyContain(i => i.GetProperty("flockId").GetInt64() == flockId);
    }
}
