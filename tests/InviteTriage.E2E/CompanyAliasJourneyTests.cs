using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InviteTriage.E2E;

/// <summary>
/// Company aliases: three colleagues, one of whom misspells the firm, are no flock; the settings page suggests the
/// merge, the user applies it and sees the flock, then removes the alias and sees the flock withdrawn.
/// </summary>
public sealed class CompanyAliasJourneyTests : IClassFixture<RunningApp>, IClassFixture<Browser>
{
    private static readonly DateTime Morning = new(2025, 11, 24, 8, 0, 0, DateTimeKind.Utc);

    private readonly RunningApp _app;
    private readonly Browser _browser;

    public CompanyAliasJourneyTests(RunningApp app, Browser browser)
    {
        _app = app;
        _browser = browser;
    }

    [Fact]
    public async Task UserMergesALookAlikeCompany_SeesTheFlock_AndTakesItBack()
    {
        var page = await _browser.NewPageAsync(_app.BaseUrl);
        var problems = await Journey.WatchForProblemsAsync(page);
        try
        {
            await Journey.RegisterAsync(page, "aliases@example.com");
            var token = await Journey.CreateTokenAsync(page, "alias journey");
            await Journey.SendAsync(_app.BaseUrl, token, [
                Draft("Anna Berg", 5, "Pellmore Rusk"), Draft("Jonas Wirth", 40, "Pellmore Rusk"), Draft("Mia Keller", 85, "Pellmore Rusc")]);

            await OpenCompaniesAsync(page);
            var suggestions = page.GetByTestId("alias-suggestions");
            await Expect(suggestions).ToContainTextAsync("Pellmore Rusc (1 invitation)");
            await Expect(suggestions).ToContainTextAsync("Pellmore Rusk (2 invitations)");
            await Expect(page.GetByTestId("no-aliases")).ToBeVisibleAsync();
            await Journey.ScreenshotAsync(page, "aliases-suggested.png");

            await suggestions.GetByTestId("suggestion-merge").ClickAsync();
            var merged = page.Locator(".mud-snackbar").Filter(new() { HasText = "is now treated as Pellmore Rusk" });
            await Expect(merged).ToBeVisibleAsync();
            await Expect(page.GetByTestId("alias-list")).ToContainTextAsync("Pellmore Rusc");

            // A merge made by mistake is one click from undone.
            await merged.GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();
            await Expect(page.GetByTestId("no-aliases")).ToBeVisibleAsync();
            await Expect(suggestions).ToContainTextAsync("Pellmore Rusc (1 invitation)");

            await suggestions.GetByTestId("suggestion-merge").ClickAsync();
            await Expect(page.GetByTestId("alias-list")).ToContainTextAsync("Pellmore Rusc");
            await Expect(page.GetByTestId("no-suggestions")).ToBeVisibleAsync();
            await Journey.ScreenshotAsync(page, "aliases-merged.png");

            await page.GotoAsync("/flocks");
            await Expect(page.GetByTestId("flock-card").GetByTestId("member-status")).ToHaveTextAsync(["pending", "pending", "pending"]);

            await OpenCompaniesAsync(page);
            await page.GetByTestId("alias-list").GetByTestId("alias-remove").ClickAsync();
            await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "is its own company again" })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("no-aliases")).ToBeVisibleAsync();

            await page.GotoAsync("/flocks");
            await Journey.InteractiveAsync(page);
            await Expect(page.GetByTestId("flock-card")).ToHaveCountAsync(0);

            // A name that cannot be a company is refused in words, and nothing is merged.
            await OpenCompaniesAsync(page);
            await page.GetByTestId("alias-name").FillAsync("...");
            await page.GetByTestId("alias-canonical").FillAsync("Pellmore Rusk");
            await page.GetByTestId("alias-add").ClickAsync();
            await Expect(page.GetByTestId("alias-problem")).ToContainTextAsync("has no letters or digits left");
            await Expect(page.GetByTestId("no-aliases")).ToBeVisibleAsync();
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            await Journey.ScreenshotAsync(page, "aliases-failure.png");
            throw new InvalidOperationException($"The browser step failed; the browser said:\n{string.Join('\n', problems)}\nThe app said:\n{_app.Log}", ex);
        }

        problems.Should().BeEmpty();
    }

    private static async Task OpenCompaniesAsync(IPage page)
    {
        await page.GotoAsync("/settings");
        await Journey.InteractiveAsync(page);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Companies" }).ClickAsync();
    }

    private static object Draft(string name, int minutes, string company) => new
    {
        senderName = name,
        sentAt = Morning.AddMinutes(minutes).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        senderHeadline = $"Consultant at {company}",
        senderCompany = company,
        senderProfileUrl = $"https://www.linkedin.com/in/{Guid.NewGuid():N}",
        message = "I'd like to join your LinkedIn network.",
    };
}
