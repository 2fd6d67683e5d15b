using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InviteTriage.E2E;

/// <summary>
/// A page's message goes when the page goes: an Undo in it acts through the page that made it, and the message would
/// lie over the next page's own buttons (Settings' "Save" sits where messages appear).
/// </summary>
public sealed class PageMessageJourneyTests : IClassFixture<RunningApp>, IClassFixture<Browser>
{
    private readonly RunningApp _app;
    private readonly Browser _browser;

    public PageMessageJourneyTests(RunningApp app, Browser browser)
    {
        _app = app;
        _browser = browser;
    }

    [Fact]
    public async Task APagesMessage_GoesWithThePage()
    {
        var page = await _browser.NewPageAsync(_app.BaseUrl);
        var problems = await Journey.WatchForProblemsAsync(page);
        try
        {
            await Journey.RegisterAsync(page, "messages@example.com");
            await Journey.InteractiveAsync(page);
            await page.GetByTestId("load-demo").ClickAsync();
            // The demo is a real import and detection: under ./test.sh, beside the CLI's tests, it took longer than the
            // default 5 s once. What is tested is where its message goes, not how fast it comes.
            await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "fictional invitations" })).ToBeVisibleAsync(new() { Timeout = 30_000 });

            await page.Locator(".mud-navmenu a.mud-nav-link", new() { HasText = "Settings" }).ClickAsync();
            await Expect(page).ToHaveTitleAsync(new Regex("^Settings ·", RegexOptions.None, TimeSpan.FromSeconds(1)));
            // At once: left alone, the message would go by itself after a few seconds.
            await Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 1_000 });
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            await Journey.ScreenshotAsync(page, "messages-failure.png");
            throw new InvalidOperationException($"The browser step failed; the browser said:\n{string.Join('\n', problems)}\nThe app said:\n{_app.Log}", ex);
        }

        problems.Should().BeEmpty();
    }
}
