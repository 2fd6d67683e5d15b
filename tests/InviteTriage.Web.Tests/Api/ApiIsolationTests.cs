using System.Net;

namespace InviteTriage.Web.Tests.Api;

/// <summary>Member B must not see or touch anything of member A's: each of A's ids answers 404 to B and changes nothing.</summary>
[Collection(WebHostGroup.Name)]
public sealed class ApiIsolationTests : IClassFixture<TriageWebFactory>
{
    private readonly TriageWebFactory _factory;

    public ApiIsolationTests(TriageWebFactory factory) => _factory = factory;

    [Fact]
    public async Task OtherMembersFlock_IsNotFoundAndCannotBeActedOn()
    {
        var (a, b) = await TwoMembersAsync();
        await a.PostOkAsync("/api/invitations", Drafts.FourColleagues("Blum Shapiro"));
        var flockId = (await a.SingleFlockAsync()).GetProperty("id").GetInt64();

        var get = await b.Client.GetAsync($"/api/flocks/{flockId}");
        var act = await b.PostJsonAsync($"/api/flocks/{flockId}/actions", new { action = "not-known" });

        get.StatusCode.Should().Be(HttpStatusCode.NotFound);
        act.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await a.SingleFlockAsync()).GetProperty("members").EnumerateArray()
            .Should().OnlyContain(m => m.GetProperty("status").GetString() == "pending");
    }

    [Fact]
    public async Task OtherMembersInvitation_IsNotFound()
    {
        var (a, b) = await TwoMembersAsync();
        await a.PostOkAsync("/api/invitations", Drafts.One("Ida Sommer", Drafts.Morning, "Sommer Design"));
        var id = (await a.GetOkAsync("/api/invitations")).GetProperty("items")[0].GetProperty("id").GetInt64();

        var response = await b.Client.GetAsync($"/api/invitations/{id}");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ApiMember.JsonAsync(response)).GetRawText().Should().NotContain("Sommer");
    }

    [Fact]
    public async Task OtherMembersHistoryEvent_CannotBeUndone()
    {
        var (a, b) = await TwoMembersAsync();
        await a.PostOkAsync("/api/invitations", Drafts.FourColleagues("Haas Partner"));
        var flockId = (await a.SingleFlockAsync()).GetProperty("id").GetInt64();
        var eventId = (await a.PostOkAsync($"/api/flocks/{flockId}/actions", new { action = "not-known" })).GetProperty("eventId").GetInt64();

        var response = await b.Client.PostAsync($"/api/history/{eventId}/undo", null);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await a.SingleFlockAsync()).GetProperty("members").EnumerateArray()
            .Should().OnlyContain(m => m.GetProperty("status").GetString() == "not-known");
        (await a.GetOkAsync("/api/history?kind=undone")).GetProperty("total").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task BulkAction_MixOfOwnAndOtherMembersIds_Is404AndChangesNeither()
    {
        var (a, b) = await TwoMembersAsync();
        await a.PostOkAsync("/api/invitations", Drafts.One("Ida Sommer", Drafts.Morning, "Sommer Design"));
        await b.PostOkAsync("/api/invitations", Drafts.One("Lena Vogt", Drafts.Morning, "Vogt Legal"));
        var aId = (await a.GetOkAsync("/api/invitations")).GetProperty("items")[0].GetProperty("id").GetInt64();
        var bId = (await b.GetOkAsync("/api/invitations")).GetProperty("items")[0].GetProperty("id").GetInt64();

        var response = await b.PostJsonAsync("/api/invitations/actions", new { ids = new[] { bId, aId }, action = "archive" });

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await ApiMember.JsonAsync(response)).GetProperty("detail").GetString().Should().Contain("nothing was changed");
        (await b.StatusOfAsync(bId)).Should().Be("pending");
        (await a.StatusOfAsync(aId)).Should().Be("pending");
        (await b.GetOkAsync("/api/history?kind=status-changed")).GetProperty("total").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task Lists_ShowNothingOfTheOtherMember()
    {
        var (a, b) = await TwoMembersAsync();
        await a.PostOkAsync("/api/invitations", Drafts.FourColleagues("Kranz Audit"));

        var flocks = await b.GetOkAsync("/api/flocks");
        var invitations = await b.GetOkAsync("/api/invitations");
        var history = await b.GetOkAsync("/api/history");

        flocks.GetArrayLength().Should().Be(0);
        invitations.GetProperty("total").GetInt32().Should().Be(0);
        history.GetProperty("total").GetInt32().Should().Be(0);
    }

    private async Task<(ApiMember A, ApiMember B)> TwoMembersAsync() =>
        (await ApiMember.CreateAsync(_factory, "member-a"), await ApiMember.CreateAsync(_factory, "member-b"));
}
