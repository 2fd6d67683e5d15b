using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InviteTriage.E2E;

/// <summary>
/// Detection settings with their preview: counted once the circuit is up (never while prerendering), counted again for
/// each change, the last change winning, with the saved settings' count beside it.
/// </summary>
public sealed class SettingsJourneyTests : IClassFixture<RunningApp>, IClassFixture<Browser>
{
    private readonly RunningApp _app;
    private readonly Browser _browser;

    public SettingsJourneyTests(RunningApp app, Browser browser)
    {
        _app = app;
        _browser = browser;
    }

    [Fact]
    public async Task ThePreviewCountsTheSavedSettings_ThenTheLastChange_AndSavingDetectsAgain()
    {
        var page = await _browser.NewPageAsync(_app.BaseUrl);
        var problems = await Journey.WatchForProblemsAsync(page);
        try
        {
            await Journey.RegisterAsync(page, "settings@example.com");
            var token = await Journey.CreateTokenAsync(page, "settings journey");
            await Journey.SendAsync(_app.BaseUrl, token, Journey.FourColleagues());

            await page.GotoAsync("/settings");
            await Journey.InteractiveAsync(page);
            var preview = page.GetByTestId("preview");
            await Expect(page.GetByTestId("preview-text")).ToContainTextAsync("With these settings: 1 flock, ");

            // Two changes in a row: only the last is shown, with the saved settings' count beside it.
            var senders = page.GetByLabel("Senders N");
            await senders.FillAsync("4");
            await senders.FillAsync("5");
            await senders.PressAsync("Tab");
            await Expect(preview).ToContainTextAsync(new Regex("With these settings: 0 flocks,.*Now: 1 flock,", RegexOptions.Singleline, TimeSpan.FromSeconds(1)));

            await senders.FillAsync("4");
            await senders.PressAsync("Tab");
            await Expect(preview).ToContainTextAsync("With these settings: 1 flock, ");
            await page.GetByTestId("save-detection").ClickAsync();
            await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Saved. Your flocks were detected again" })).ToBeVisibleAsync();
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            await Journey.ScreenshotAsync(page, "settings-failure.png");
            throw new InvalidOperationException($"The browser step failed; the browser said:\n{string.Join('\n', problems)}\nThe app said:\n{_app.Log}", ex);
        }

        problems.Should().BeEmpty();
        _app.Log.Should().NotContain("Unhandled exception");
    }
}
