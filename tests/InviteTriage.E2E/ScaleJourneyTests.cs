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
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add($"console: {message.Text}");
            }
        };
        try
        {
            var token = await RegisterAndCreateTokenAsync(page);
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
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            Directory.CreateDirectory(Browser.ScreenshotFolder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotFolder, "scale-failure.png") });
            throw new InvalidOperationException($"The browser step failed; the browser said:\n{string.Join('\n', problems)}\nThe app said:\n{_app.Log}", ex);
        }

        problems.Should().BeEmpty();
    }

    private static async Task<string> RegisterAndCreateTokenAsync(IPage page)
    {
        await page.GotoAsync("/account/register");
        await page.Locator("#email").FillAsync("scale@example.com");
        await page.Locator("#password").FillAsync("a long enough password");
        await page.Locator("#confirm").FillAsync("a long enough password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.GetByText("Your inbox is empty").WaitForAsync();

        await page.GotoAsync("/settings");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "API tokens" }).ClickAsync();
        await page.GetByLabel("Token name").FillAsync("scale journey");
        await page.GetByTestId("create-token").ClickAsync();
        return (await page.GetByTestId("new-token").TextContentAsync())!.Trim();
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

    private static object Draft(string name, string company, DateTime sentAt) => new
    {
        senderName = name,
        sentAt = sentAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        senderCompany = company,
        senderProfileUrl = $"https://www.linkedin.com/in/{name.ToLowerInvariant().Replace(' ', '-')}",
        message = "I'd like to join your LinkedIn network.",
    };
}
