using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace InviteTriage.E2E;

/// <summary>
/// Pages whose prerendered state grows with the member's data: with sixty open flocks, and one decision on five
/// hundred invitations in the history, the flocks and history pages must still become interactive. Their state used to
/// be persisted into the page and sent back over the circuit, past SignalR's 32 KB limit, and they never did.
/// </summary>
public sealed class ScaleJourneyTests : IClassFixture<RunningApp>, IClassFixture<Browser>
{
    private static readonly DateTime Start = new(2025, 3, 3, 8, 0, 0, DateTimeKind.Utc);

    private readonly RunningApp _app;
    private readonly Browser _browser;

    public ScaleJourneyTests(RunningApp app, Browser browser)
    {
        _app = app;
        _browser = browser;
    }

    [Fact]
    public async Task SixtyFlocksAndABulkDecisionOnFiveHundred_ThePagesBecomeInteractive_AndFlocksComeFiftyAtATime()
    {
        var page = await _browser.NewPageAsync(_app.BaseUrl);
        var problems = await Journey.WatchForProblemsAsync(page);
        try
        {
            await Journey.RegisterAsync(page, "scale@example.com");
            var token = await Journey.CreateTokenAsync(page, "scale journey");
            var openFlocks = await FillTheInboxAsync(token);
            openFlocks.Should().BeGreaterThan(50, "the flocks page must have more than it shows at once");

            foreach (var path in new[] { "/flocks", "/history" })
            {
                await page.GotoAsync(path);
                await page.Locator("[data-interactive=true]").WaitForAsync(new() { Timeout = 60_000 });
            }

            (await page.GetByTestId("history-event").CountAsync()).Should().BeGreaterThan(0);
            await page.GotoAsync("/flocks");
            await page.Locator("[data-interactive=true]").WaitForAsync(new() { Timeout = 60_000 });
            await Assertions.Expect(page.GetByTestId("flock-card")).ToHaveCountAsync(50);
            await page.GetByTestId("more-flocks").ClickAsync();
            await Assertions.Expect(page.GetByTestId("flock-card")).ToHaveCountAsync(openFlocks);

            // A link to the last open flock, beyond the first batch: the tab opens with the cards down to it, marked.
            var last = await LastOpenFlockAsync(token);
            await page.GotoAsync($"/flocks?flock={last}");
            await page.Locator("[data-interactive=true]").WaitForAsync(new() { Timeout = 60_000 });
            await Assertions.Expect(page.Locator($"#flock-{last}.highlighted")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("flock-card")).ToHaveCountAsync(openFlocks);
            await Assertions.Expect(page.GetByTestId("flock-count")).ToContainTextAsync($"{openFlocks} open flocks");
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            await Journey.ScreenshotAsync(page, "scale-failure.png");
            throw new InvalidOperationException($"The browser step failed; the browser said:\n{string.Join('\n', problems)}\nThe app said:\n{_app.Log}", ex);
        }

        problems.Should().BeEmpty();
    }

    /// <summary>Imports the flocks and the loose invitations, archives 500 of them at once, and returns how many flocks are open.</summary>
    private async Task<int> FillTheInboxAsync(string token)
    {
        using var http = new HttpClient { BaseAddress = _app.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var flocks = Enumerable.Range(0, 60).SelectMany(f => Enumerable.Range(0, 4).Select(c =>
            Draft($"Colleague {c} of {f}", $"Small Firm {f}", Start.AddDays(3 * f).AddMinutes(35 * c))));
        var loose = Enumerable.Range(0, 500).Select(i => Draft($"Sender {i}", $"Company {i}", Start.AddDays(150).AddHours(5 * i)));

        using var added = await http.PostAsJsonAsync(new Uri("api/invitations", UriKind.Relative), flocks.Concat(loose).ToArray());
        added.EnsureSuccessStatusCode();
        using var list = await http.GetAsync(new Uri("api/invitations?pageSize=500", UriKind.Relative));
        using var json = JsonDocument.Parse(await list.Content.ReadAsStringAsync());
        var ids = json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToArray();
        using var decided = await http.PostAsJsonAsync(new Uri("api/invitations/actions", UriKind.Relative), new { ids, action = "archive" });
        decided.EnsureSuccessStatusCode();
        using var open = await http.GetAsync(new Uri("api/flocks?status=open", UriKind.Relative));
        using var openJson = JsonDocument.Parse(await open.Content.ReadAsStringAsync());
        return openJson.RootElement.GetArrayLength();
    }

    private async Task<long> LastOpenFlockAsync(string token)
    {
        using var http = new HttpClient { BaseAddress = _app.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var open = await http.GetAsync(new Uri("api/flocks?status=open", UriKind.Relative));
        using var json = JsonDocument.Parse(await open.Content.ReadAsStringAsync());
        return json.RootElement.EnumerateArray().Last().GetProperty("id").GetInt64();
    }

    private static object Draft(string name, string company, DateTime sentAt) => new
    {
        senderName = name,
        sentAt = sentAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        senderCompany = company,
        senderProfileUrl = $"https://www.linkedin.com/in/{name.ToLowerInvariant().Replace(' ', '-')}",
        message = "I'd like to join your LinkedIn network.",
    };
}
