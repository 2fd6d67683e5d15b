using System.Net;
using System.Text;
using InviteTriage.Corpus;
using InviteTriage.Data.Accounts;
using InviteTriage.Data.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Web.Tests.Api;

/// <summary>
/// Member B must not see or touch anything of member A's. The matrix: every API route and page that takes an id, with
/// each of A's ids, answers B 404 (for a page, the not-found page) and changes nothing, which a checksum over every row
/// of the store proves; pages and payloads show B nothing of A's; the campaign rules tell B only a count.
/// </summary>
[Collection(WebHostGroup.Name)]
public sealed class ApiIsolationTests : IClassFixture<ApiIsolationTests.TwoInboxes>
{
    private readonly TriageWebFactory _factory;
    private readonly TwoInboxes _inboxes;

    public ApiIsolationTests(TwoInboxes inboxes)
    {
        _inboxes = inboxes;
        _factory = inboxes.Factory;
    }

    /// <summary>Every API route that takes an id; the placeholder is replaced by each of A's ids of that kind in turn.</summary>
    public static TheoryData<string, string, string?> RoutesWithIds => new()
    {
        { "GET", "/api/invitations/{invitation}", null },
        { "POST", "/api/invitations/actions", """{"ids": [{invitation}], "action": "archive"}""" },
        { "GET", "/api/flocks/{flock}", null },
        { "POST", "/api/flocks/{flock}/actions", """{"action": "accept"}""" },
        { "POST", "/api/flocks/{flock}/actions", """{"action": "archive"}""" },
        { "POST", "/api/flocks/{flock}/actions", """{"action": "not-known"}""" },
        { "POST", "/api/flocks/{flock}/actions", """{"action": "restore"}""" },
        { "POST", "/api/flocks/{flock}/actions", """{"action": "dismiss"}""" },
        { "POST", "/api/history/{event}/undo", null },
        { "GET", "/api/imports/{batch}", null },
        { "DELETE", "/api/imports/{batch}", null },
    };

    [Theory]
    [MemberData(nameof(RoutesWithIds))]
    public async Task RouteWithAnId_EachOfAnotherMembersIds_Is404ToThemAndChangesNothing(string method, string route, string? body)
    {
        var placeholder = System.Text.RegularExpressions.Regex.Match(route + body, "{([a-z]+)}").Groups[1].Value;
        var ids = _inboxes.IdsOfA(placeholder);
        ids.Should().NotBeEmpty();

        foreach (var id in ids)
        {
            var before = await StoreChecksum.OfAsync(_factory.DatabasePath);
            using var request = new HttpRequestMessage(new HttpMethod(method), route.Replace($"{{{placeholder}}}", $"{id}", StringComparison.Ordinal));
            if (body is not null)
            {
                request.Content = new StringContent(body.Replace($"{{{placeholder}}}", $"{id}", StringComparison.Ordinal), Encoding.UTF8, "application/json");
            }

            using var response = await _inboxes.B.Client.SendAsync(request);

            var text = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, $"{method} {request.RequestUri} with A's {placeholder} {id}: {text}");
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            text.Should().NotContainAny(_inboxes.TextsOfA);
            (await StoreChecksum.OfAsync(_factory.DatabasePath)).Should().Be(before, $"{method} {request.RequestUri} must change nothing");
        }
    }

    [Fact]
    public async Task FlocksPage_WithAnotherMembersFlockId_ShowsTheNotFoundPage_AndWithTheirOwnShowsIt()
    {
        var browser = _inboxes.BrowserOfB;

        var foreign = await browser.GetAsync($"/flocks?flock={_inboxes.FlockOfA}");
        var own = await browser.GetAsync($"/flocks?flock={_inboxes.FlockOfB}");

        foreign.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var html = await foreign.Content.ReadAsStringAsync();
        html.Should().Contain("There is nothing here").And.NotContainAny(_inboxes.TextsOfA);
        own.StatusCode.Should().Be(HttpStatusCode.OK);
        (await own.Content.ReadAsStringAsync()).Should().Contain("Vogt Legal");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/flocks")]
    [InlineData("/history")]
    [InlineData("/import")]
    [InlineData("/insights")]
    [InlineData("/settings")]
    public async Task Page_ShowsNothingOfTheOtherMember(string path)
    {
        var browser = _inboxes.BrowserOfB;

        var response = await browser.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().NotContainAny(_inboxes.TextsOfA);
    }

    [Fact]
    public async Task CampaignRules_TellAMemberHowManyOthersWereFlocked_AndNeverWhoOrByWhom()
    {
        const string Firm = "Corvid Lane Partners";
        var first = await ApiMember.CreateAsync(_factory, "campaign-first");
        var second = await ApiMember.CreateAsync(_factory, "campaign-second");
        var b = await ApiMember.CreateAsync(_factory, "campaign-b");
        await first.PostOkAsync("/api/invitations", Colleagues(["Ines Harrowgate", "Jory Penhallow", "Mara Shared"], Drafts.Morning.AddDays(-1))
            .Append(Drafts.One("Zed Hollis", Drafts.Morning.AddDays(-20), "Secret Client Co")).ToArray());
        await second.PostOkAsync("/api/invitations", Colleagues(["Kestrel Amory", "Lowen Tregarth", "Mara Shared"], Drafts.Morning.AddDays(1)));
        await b.PostOkAsync("/api/invitations", Colleagues(["Nell Brightwater", "Oswin Carrow", "Mara Shared"], Drafts.Morning));
        string[] others = ["Ines Harrowgate", "Jory Penhallow", "Kestrel Amory", "Lowen Tregarth", "Zed Hollis", "Secret Client Co",
            first.Email, second.Email, first.OwnerId, second.OwnerId];

        var flock = await b.SingleFlockAsync();

        var reasons = flock.GetProperty("reasons").EnumerateArray().ToDictionary(r => r.GetProperty("rule").GetString()!, r => r.GetProperty("detail").GetString()!);
        reasons["CAMPAIGN_COMPANY"].Should().Contain("2 other members");
        reasons["CAMPAIGN_SENDER"].Should().Contain("2 other members");
        var ownInvitations = (await b.GetOkAsync("/api/invitations")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
        var flockId = flock.GetProperty("id").GetInt64();
        var payloads = new List<string>
        {
            (await b.GetOkAsync("/api/flocks?status=all")).GetRawText(),
            (await b.GetOkAsync($"/api/flocks/{flockId}")).GetRawText(),
            (await b.GetOkAsync("/api/invitations?pageSize=100")).GetRawText(),
            (await b.GetOkAsync("/api/history")).GetRawText(),
            await (await b.SignInAsync(_factory)).GetStringAsync("/flocks"),
        };
        foreach (var id in ownInvitations)
        {
            payloads.Add((await b.GetOkAsync($"/api/invitations/{id}")).GetRawText());
        }

        payloads.Should().AllSatisfy(payload => payload.Should().NotContainAny(others));
        flock.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("invitationId").GetInt64()).Should().BeSubsetOf(ownInvitations);

        static Dictionary<string, object?>[] Colleagues(string[] names, DateTime morning) =>
            [.. names.Select((name, i) => Drafts.One(name, morning.AddMinutes(30 * i), Firm)), Drafts.One("Pell Ashdown", morning.AddMinutes(100), Firm)];
    }

    [Fact]
    public async Task TokensAndSettings_OfAnotherMember_CannotBeRevokedOrRead()
    {
        var tokens = _factory.Services.GetRequiredService<ApiTokenService>();
        var settings = _factory.Services.GetRequiredService<SettingsService>();

        var revoked = await tokens.RevokeAsync(_inboxes.B.OwnerId, _inboxes.TokenOfA, CancellationToken.None);

        revoked.Should().BeFalse();
        (await _inboxes.A.Client.GetAsync("/api/invitations")).StatusCode.Should().Be(HttpStatusCode.OK, "A's token still works");
        (await tokens.ListAsync(_inboxes.B.OwnerId, CancellationToken.None)).Select(t => t.Id).Should().NotContain(_inboxes.TokenOfA);
        var bSettings = await settings.GetAsync(_inboxes.B.OwnerId, CancellationToken.None);
        bSettings.OwnerId.Should().Be(_inboxes.B.OwnerId);
        bSettings.GapHours.Should().NotBe(TwoInboxes.GapHoursOfA, "A's detection settings are A's alone");
    }

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

    /// <summary>
    /// A's inbox, whose every id B will try: an import batch, a flock of four, a decision on it, the history events,
    /// an API token and detection settings. B has a flock of their own.
    /// </summary>
    public sealed class TwoInboxes : IAsyncLifetime
    {
        public const double GapHoursOfA = 5.5;

        private static readonly string[] SendersOfA = ["Orla Quintrell", "Piet Vandermolen", "Rhea Solberg", "Tamsin Ockley"];

        public TriageWebFactory Factory { get; } = new();

        internal ApiMember A { get; private set; } = default!;

        internal ApiMember B { get; private set; } = default!;

        /// <summary>B signed in once for every page test: sign-in posts are rate-limited per client address.</summary>
        public HttpClient BrowserOfB { get; private set; } = default!;

        public long FlockOfA { get; private set; }

        public long FlockOfB { get; private set; }

        public long TokenOfA { get; private set; }

        /// <summary>What must never appear in anything B is shown: A's senders, company, e-mail and user id.</summary>
        public string[] TextsOfA { get; private set; } = [];

        private Dictionary<string, List<long>> IdsByKind { get; } = [];

        public IReadOnlyList<long> IdsOfA(string kind) => IdsByKind[kind];

        public async Task InitializeAsync()
        {
            A = await ApiMember.CreateAsync(Factory, "member-a");
            B = await ApiMember.CreateAsync(Factory, "member-b");
            TextsOfA = [.. SendersOfA, "Kranz Audit", A.Email, A.OwnerId];

            var csv = "sender_name,sent_at,sender_headline,sender_company,sender_profile_url,message\n" + string.Concat(SendersOfA.Select((name, i) =>
                $"{name},2025-11-24T{8 + i:00}:15:00Z,Auditor at Kranz Audit,Kranz Audit,https://www.linkedin.com/in/{name.Replace(' ', '-')},I'd like to join your LinkedIn network.\n"));
            using var form = new MultipartFormDataContent { { new StringContent(csv), "files", "a-colleagues.csv" } };
            var imported = await ApiMember.JsonAsync(await A.Client.PostAsync("/api/imports", form));
            imported.GetProperty("added").GetInt32().Should().Be(4, imported.GetRawText());
            var problems = await Factory.Services.GetRequiredService<SettingsService>()
                .UpdateDetectionAsync(A.OwnerId, A.Email, new DetectionParameters(GapHoursOfA, 24, 3, 1e-4, 6), CancellationToken.None);
            problems.Should().BeEmpty();
            FlockOfA = (await A.SingleFlockAsync()).GetProperty("id").GetInt64();
            await A.PostOkAsync($"/api/flocks/{FlockOfA}/actions", new { action = "archive" });

            IdsByKind["batch"] = [imported.GetProperty("batchId").GetInt64()];
            IdsByKind["flock"] = [FlockOfA];
            IdsByKind["invitation"] = [.. (await A.GetOkAsync("/api/invitations")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64())];
            IdsByKind["event"] = [.. (await A.GetOkAsync("/api/history")).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt64())];
            TokenOfA = (await Factory.Services.GetRequiredService<ApiTokenService>().ListAsync(A.OwnerId, CancellationToken.None)).Single().Id;

            await B.PostOkAsync("/api/invitations", Drafts.FourColleagues("Vogt Legal"));
            FlockOfB = (await B.SingleFlockAsync()).GetProperty("id").GetInt64();
            BrowserOfB = await B.SignInAsync(Factory);
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }
}
