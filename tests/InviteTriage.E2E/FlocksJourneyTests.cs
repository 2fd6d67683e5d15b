using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InviteTriage.E2E;

/// <summary>The bulk journey: a four-member flock answered at once, undone, and found again in the history.</summary>
public sealed class FlocksJourneyTests : IClassFixture<RunningApp>, IClassFixture<Browser>
{
    private readonly RunningApp _app;
    private readonly Browser _browser;

    public FlocksJourneyTests(RunningApp app, Browser browser)
    {
        _app = app;
        _browser = browser;
    }

    [Fact]
    public async Task FourColleaguesFlock_MarkedNotKnown_IsUndoneFromTheSnackbar_AndTheHistoryShowsUndoesAndExportsIt()
    {
        var page = await _browser.NewPageAsync(_app.BaseUrl);
        var problems = await Journey.WatchForProblemsAsync(page);
        try
        {
            await Journey.RegisterAsync(page, "flocks@example.com");
            var token = await Journey.CreateTokenAsync(page, "flocks journey");
            await ImportFourColleaguesAsync(token);
            await AnswerTheFlockAndUndoAsync(page);
            await ReviewTheHistoryAsync(page);
            await DismissTheFlockAndUndoAsync(page);
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotFolder, "flocks-failure.png"), FullPage = true });
            throw new InvalidOperationException($"The browser step failed; the app said:\n{_app.Log}", ex);
        }

        problems.Should().BeEmpty();
    }

    private Task ImportFourColleaguesAsync(string token) => Journey.SendAsync(_app.BaseUrl, token, Journey.FourColleagues());

    private static async Task AnswerTheFlockAndUndoAsync(IPage page)
    {
        await page.GotoAsync("/flocks");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        var card = page.GetByTestId("flock-card");
        await Expect(card).ToHaveCountAsync(1);
        await Expect(card.GetByRole(AriaRole.Heading, new() { Name = "Blum Shapiro" })).ToBeVisibleAsync();
        await Expect(card.GetByTestId("reasons")).ToContainTextAsync("FLOCK_COMPANY (+");
        var statuses = card.GetByTestId("member-status");
        await Expect(statuses).ToHaveTextAsync(["pending", "pending", "pending", "pending"]);
        await ScreenshotAsync(page, "flocks.png");

        await card.GetByRole(AriaRole.Button, new() { Name = "I don't know all" }).ClickAsync();

        var snackbar = page.Locator(".mud-snackbar").Filter(new() { HasText = "not known" });
        await Expect(snackbar).ToBeVisibleAsync();
        await Expect(statuses).ToHaveTextAsync(["not-known", "not-known", "not-known", "not-known"]);
        await ScreenshotAsync(page, "flocks-not-known.png");

        await snackbar.GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();

        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Undid" })).ToBeVisibleAsync();
        await Expect(statuses).ToHaveTextAsync(["pending", "pending", "pending", "pending"]);

        // A second decision, left standing, for the history to undo.
        await card.GetByRole(AriaRole.Button, new() { Name = "Archive all" }).ClickAsync();
        await Expect(statuses).ToHaveTextAsync(["archived", "archived", "archived", "archived"]);
    }

    private static async Task ReviewTheHistoryAsync(IPage page)
    {
        await page.GotoAsync("/history");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        var events = page.GetByTestId("history-event");
        await Expect(events.GetByTestId("event-kind")).ToHaveTextAsync(["status-changed", "undone", "status-changed", "flock-detected", "imported"]);

        var archived = events.Filter(new() { HasText = "Archived 4" });
        await archived.GetByRole(AriaRole.Button, new() { Name = "Undo", Exact = true }).ClickAsync();

        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Undid: Archived 4" })).ToBeVisibleAsync();
        await Expect(events.GetByTestId("event-kind")).ToHaveTextAsync(["undone", "status-changed", "undone", "status-changed", "flock-detected", "imported"]);
        var notKnown = events.Filter(new() { HasText = "Marked 4" }).Filter(new() { HasNotText = "Undid" });
        await Expect(notKnown.GetByRole(AriaRole.Button, new() { Name = "Undo is not possible: Already undone." })).ToBeDisabledAsync();
        await notKnown.GetByRole(AriaRole.Button, new() { Name = "4 invitations" }).ClickAsync();
        await Expect(notKnown.GetByTestId("event-changes").GetByRole(AriaRole.Row, new() { NameRegex = new Regex("^#\\d+ pending → not-known$") }))
            .ToHaveCountAsync(4);
        await ScreenshotAsync(page, "history.png");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).ClickAsync());

        download.SuggestedFilename.Should().EndWith(".csv");
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        var csv = System.Text.Encoding.UTF8.GetString(bytes.AsSpan(3));
        bytes.Take(3).Should().Equal((byte)0xEF, (byte)0xBB, (byte)0xBF);
        csv.Should().StartWith("event_id,occurred_at,kind,actor,summary,");
        csv.Split("\r\n").Should().Contain(line => line.Contains(",status-changed,flocks@example.com,", StringComparison.Ordinal)
            && line.EndsWith(",pending,not-known", StringComparison.Ordinal));

        await page.GetByTestId("kind-filter").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "flock-detected" }).ClickAsync();
        await Expect(events).ToHaveCountAsync(1);
        var json = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export JSON" }).ClickAsync());

        using var exported = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(await json.PathAsync()));
        exported.RootElement.EnumerateArray().Select(e => e.GetProperty("kind").GetString()).Should().Equal("flock-detected");
    }

    private static async Task DismissTheFlockAndUndoAsync(IPage page)
    {
        // From the history, the flock's link opens its tab and marks its card.
        await page.GetByTestId("history-event").First.GetByRole(AriaRole.Link, new() { Name = "flock 1" }).ClickAsync();
        await page.WaitForURLAsync("**/flocks?flock=1");
        var card = page.GetByTestId("flock-card");
        await Expect(card).ToHaveClassAsync(new Regex("highlighted"));
        await Expect(card.GetByTestId("member-status")).ToHaveTextAsync(["pending", "pending", "pending", "pending"]);

        await card.GetByRole(AriaRole.Button, new() { Name = "Not a flock" }).ClickAsync();

        var snackbar = page.Locator(".mud-snackbar").Filter(new() { HasText = "Not a flock: Blum Shapiro" });
        await Expect(snackbar).ToBeVisibleAsync();
        await Expect(card).ToContainTextAsync("now dismissed");
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Accept all" })).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "flocks-dismissed.png");

        await snackbar.GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();

        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Accept all" })).ToBeVisibleAsync();
        await Expect(card).Not.ToContainTextAsync("now dismissed");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Dismissed" }).ClickAsync();
        await Expect(page.GetByText("No dismissed flocks")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Open" }).ClickAsync();
        await Expect(card).ToHaveCountAsync(1);
    }

    private static Task ScreenshotAsync(IPage page, string name) => Journey.ScreenshotAsync(page, name);
}
