using System.Net.Http.Headers;
using InviteTriage.Corpus;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InviteTriage.E2E;

/// <summary>
/// The content security policy in a real browser: every page works under it, the browser reports no violation, and
/// senders named with script show as text. An alert() that ran would open a dialog, which fails the test.
/// </summary>
public sealed class SecurityJourneyTests : IClassFixture<RunningApp>, IClassFixture<Browser>
{
    private static readonly string[] Pages = ["/", "/flocks", "/history", "/import", "/insights", "/settings"];

    private readonly RunningApp _app;
    private readonly Browser _browser;

    public SecurityJourneyTests(RunningApp app, Browser browser)
    {
        _app = app;
        _browser = browser;
    }

    [Fact]
    public async Task SendersNamedWithScript_ShowAsTextOnEveryPage_AndThePolicyIsNeverViolated()
    {
        var page = await _browser.NewPageAsync(_app.BaseUrl);
        var problems = await Journey.WatchForProblemsAsync(page);
        try
        {
            var token = await RegisterAndCreateTokenAsync(page);
            await ImportHostileNamesAsync(token);
            await VisitEveryPageAsync(page);
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            await Journey.ScreenshotAsync(page, "security-failure.png");
            throw new InvalidOperationException($"The browser step failed; the browser said:\n{string.Join('\n', problems)}\nThe app said:\n{_app.Log}", ex);
        }

        problems.Should().BeEmpty();
    }

    private static async Task<string> RegisterAndCreateTokenAsync(IPage page)
    {
        var response = await page.GotoAsync("/account/register");
        (await response!.HeaderValueAsync("content-security-policy")).Should().Contain("script-src 'self' 'nonce-");
        await Journey.RegisterAsync(page, "security@example.com");
        return await Journey.CreateTokenAsync(page, "security journey");
    }

    private async Task ImportHostileNamesAsync(string token)
    {
        using var copy = await HostileCorpus.Get("imported/html-in-every-field.csv").MaterializeAsync();
        using var http = new HttpClient { BaseAddress = _app.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var form = new MultipartFormDataContent { { new StreamContent(File.OpenRead(copy.Path)), "files", copy.FileName } };

        using var response = await http.PostAsync(new Uri("api/imports", UriKind.Relative), form);

        response.EnsureSuccessStatusCode();
    }

    private static async Task VisitEveryPageAsync(IPage page)
    {
        foreach (var path in Pages)
        {
            await page.GotoAsync(path);
            await page.Locator("[data-interactive=true]").WaitForAsync();
        }

        await page.GotoAsync("/flocks");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        var card = page.GetByTestId("flock-card");
        await Expect(card.First).ToContainTextAsync("Ada Fenwick <script>alert(1)</script>");
        await Expect(card.First).ToContainTextAsync("Nightshade <script>");
        (await page.Locator("img[src=x], svg[onload]").CountAsync()).Should().Be(0, "markup in names must stay text");
    }
}
