using System.Net;

namespace InviteTriage.Web.Tests.Api;

[Collection(WebHostGroup.Name)]
public sealed class HistoryApiTests : IClassFixture<TriageWebFactory>
{
    private readonly TriageWebFactory _factory;

    public HistoryApiTests(TriageWebFactory factory) => _factory = factory;

    [Fact]
    public async Task ListHistory_ByKind_ShowsOnlyThatKind()
    {
        var member = await ApiMember.CreateAsync(_factory, "by-kind");
        await member.PostOkAsync("/api/invitations", Drafts.FourColleagues("Blum Shapiro"));
        var flockId = (await member.SingleFlockAsync()).GetProperty("id").GetInt64();
        var action = await member.PostOkAsync($"/api/flocks/{flockId}/actions", new { action = "archive" });

        var changes = await member.GetOkAsync("/api/history?kind=status-changed");
        var detections = await member.GetOkAsync("/api/history?kind=flock-detected");
        var everything = await member.GetOkAsync("/api/history");

        changes.GetProperty("total").GetInt32().Should().Be(1);
        var change = changes.GetProperty("items")[0];
        change.GetProperty("id").GetInt64().Should().Be(action.GetProperty("eventId").GetInt64());
        change.GetProperty("kind").GetString().Should().Be("status-changed");
        change.GetProperty("actor").GetString().Should().NotBeNullOrEmpty();
        change.GetProperty("changes").GetArrayLength().Should().Be(4);
        detections.GetProperty("items").EnumerateArray().Should().ContainSingle()
            .Which.GetProperty("flockId").GetInt64().Should().Be(flockId);
        everything.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("kind").GetString())
            .Should().BeEquivalentTo(["imported", "flock-detected", "status-changed"]);
    }

    [Fact]
    public async Task ListHistory_FromAndTo_KeepOnlyEventsInBetween()
    {
        var member = await ApiMember.CreateAsync(_factory, "range");
        await member.PostOkAsync("/api/invitations", Drafts.One("Ida Sommer", Drafts.Morning, "Sommer Design"));

        var wide = await member.GetOkAsync("/api/history?from=2000-01-01&to=2100-01-01T00:00:00Z");
        var future = await member.GetOkAsync("/api/history?from=2100-01-01T00:00%2B01:00");
        var past = await member.GetOkAsync("/api/history?to=2001-01-01T12:30");

        wide.GetProperty("total").GetInt32().Should().Be(1);
        future.GetProperty("total").GetInt32().Should().Be(0);
        past.GetProperty("total").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task ListHistory_UnknownKind_Is400NamingTheFieldAndItsValues()
    {
        var member = await ApiMember.CreateAsync(_factory, "bad-kind");

        var response = await member.Client.GetAsync("/api/history?kind=flock-found");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await ApiMember.JsonAsync(response);
        problem.GetProperty("errors").GetProperty("kind")[0].GetString()
            .Should().Contain("'flock-found'").And.Contain("flock-detected").And.Contain("status-changed");
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=24.11.2025", "to")]
    [InlineData("from=2025-13-01", "from")]
    [InlineData("from=2025-11-24T09:00:00+01:00", "from")]
    [InlineData("from=2025-11-25&to=2025-11-24", "to")]
    [InlineData("from=9999-12-31T23:59:59-05:00", "from")]
    [InlineData("to=0001-01-01T00:00:00%2B01:00", "to")]
    public async Task ListHistory_BadTime_Is400NamingTheField(string query, string field)
    {
        var member = await ApiMember.CreateAsync(_factory, "bad-time");

        var response = await member.Client.GetAsync($"/api/history?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await ApiMember.JsonAsync(response);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal(field);
    }

    [Fact]
    public async Task ListHistory_SeveralBadValues_NamesEachField()
    {
        var member = await ApiMember.CreateAsync(_factory, "bad-all");

        var response = await member.Client.GetAsync("/api/history?kind=x&from=y&to=z");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await ApiMember.JsonAsync(response);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo(["kind", "from", "to"]);
    }

    [Theory]
    [InlineData("page=first")]
    [InlineData("pageSize=99999999999")]
    public async Task ListHistory_PageNotANumber_Is400(string query)
    {
        var member = await ApiMember.CreateAsync(_factory, "bad-page");

        var response = await member.Client.GetAsync($"/api/history?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Undo_AnUndo_Is400AndChangesNothing()
    {
        var member = await ApiMember.CreateAsync(_factory, "undo-undo");
        await member.PostOkAsync("/api/invitations", Drafts.FourColleagues("Otto Verlag"));
        var flockId = (await member.SingleFlockAsync()).GetProperty("id").GetInt64();
        var eventId = (await member.PostOkAsync($"/api/flocks/{flockId}/actions", new { action = "accept" })).GetProperty("eventId").GetInt64();
        var undoId = (await member.PostOkAsync($"/api/history/{eventId}/undo", new { })).GetProperty("eventId").GetInt64();

        var response = await member.Client.PostAsync($"/api/history/{undoId}/undo", null);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await member.SingleFlockAsync()).GetProperty("members").EnumerateArray()
            .Should().OnlyContain(m => m.GetProperty("status").GetString() == "pending");
    }

    [Fact]
    public async Task Undo_UnknownEvent_Is404Problem()
    {
        var member = await ApiMember.CreateAsync(_factory, "no-event");

        var response = await member.Client.PostAsync("/api/history/987654321/undo", null);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Undo_AnImportEvent_UndoesThatImport()
    {
        var member = await ApiMember.CreateAsync(_factory, "undo-import");
        await member.PostOkAsync("/api/invitations", Drafts.One("Ida Sommer", Drafts.Morning, "Sommer Design"));
        var imported = (await member.GetOkAsync("/api/history?kind=imported")).GetProperty("items")[0].GetProperty("id").GetInt64();

        var response = await member.Client.PostAsync($"/api/history/{imported}/undo", null);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await member.GetOkAsync("/api/invitations")).GetProperty("total").GetInt32().Should().Be(0);
    }
}
