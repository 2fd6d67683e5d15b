using System.Globalization;
using System.Text;
using Microsoft.Playwright;

namespace InviteTriage.E2E;

public sealed class ImportJourneyTests : IClassFixture<RunningApp>, IClassFixture<Browser>
{
    // The first bytes of a PNG: a picture renamed to .csv, which must be refused whole.
    private static readonly byte[] Picture =
    [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89,
    ];

    private readonly RunningApp _app;
    private readonly Browser _browser;

    public ImportJourneyTests(RunningApp app, Browser browser)
    {
        _app = app;
        _browser = browser;
    }

    [Fact]
    public async Task UserImportsTheExportAndTheEmails_SeesThemMerged_UndoesTheBatch_SeesTheFirstThousandBadLines_AndAPictureIsRefusedWhole()
    {
        var page = await _browser.NewPageAsync(_app.BaseUrl);
        var consoleErrors = await Journey.WatchForProblemsAsync(page);
        try
        {
            await Journey.RegisterAsync(page, "importer@example.com");
            await ImportAndUndoAsync(page);
            await ImportMoreBadLinesThanTheBatchKeepsAsync(page);
            await ImportAPictureAsync(page);
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotFolder, "import-failure.png"), FullPage = true });
            throw new InvalidOperationException(
                $"The browser step failed; the browser console said:\n{string.Join('\n', consoleErrors)}\nThe app said:\n{_app.Log}", ex);
        }

        consoleErrors.Should().BeEmpty();
    }

    private static async Task ImportAndUndoAsync(IPage page)
    {
        await page.GotoAsync("/import");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await ChooseFilesAsync(page, "invitations.mbox", files => files.SetInputFilesAsync([Sample("Invitations.csv"), Sample("invitations.mbox")]));

        await page.GetByTestId("import-start").ClickAsync();

        var result = page.GetByTestId("import-result");
        await result.WaitForAsync();
        (await result.GetByTestId("count-added").InnerTextAsync()).Trim().Should().Be("7");
        (await result.GetByTestId("count-merged").InnerTextAsync()).Trim().Should().Be("4", "the export and the e-mails hold four of the same invitations");
        (await result.GetByRole(AriaRole.Link, new() { Name = "See the flocks found" }).GetAttributeAsync("href")).Should().EndWith("flocks");
        (await result.GetByTestId("import-skipped").InnerTextAsync()).Should().Contain("2 invitations you sent");
        await ScreenshotAsync(page, "import-result.png");

        await page.GetByTestId("import-undo").ClickAsync();

        var confirmation = page.Locator(".mud-snackbar").Filter(new() { HasText = "removed 7 invitation(s)" });
        await confirmation.WaitForAsync();
        await result.GetByText("Import undone").WaitForAsync();
        (await page.GetByTestId("import-undo").CountAsync()).Should().Be(0, "a batch is undone once");
        await confirmation.GetByRole(AriaRole.Button).ClickAsync();
        await confirmation.WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    private static async Task ImportMoreBadLinesThanTheBatchKeepsAsync(IPage page)
    {
        // The batch keeps the first 1,000 rejections word for word (ImportBatch.KeptRejections) and counts them all.
        const int bad = 1_003;
        var csv = new StringBuilder("sender_name,sent_at,sender_company\n");
        csv.Append("Ada Fenwick,2025-11-24T09:02:00Z,Pellmore Rusk\nBo Kettle,2025-11-24T09:40:00Z,Pellmore Rusk\n");
        for (var n = 1; n <= bad; n++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"Pat Quill {n},last tuesday,Quill & Sons\n");
        }

        await ChooseFilesAsync(page, "mixed.csv", files => files.SetInputFilesAsync(new FilePayload
        {
            Name = "mixed.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv.ToString()),
        }));

        await page.GetByTestId("import-start").ClickAsync();

        var result = page.GetByTestId("import-result");
        await result.GetByRole(AriaRole.Heading, new() { Name = "Imported mixed.csv" }).WaitForAsync();
        (await result.GetByTestId("count-added").InnerTextAsync()).Trim().Should().Be("2");
        Digits(await result.GetByTestId("count-rejected").InnerTextAsync()).Should().Be(bad.ToString(CultureInfo.InvariantCulture));
        var kept = result.GetByTestId("import-rejected").Locator("li");
        (await kept.CountAsync()).Should().Be(1_000);
        (await kept.First.InnerTextAsync()).Should().StartWith("mixed.csv:4: sent_at: 'last tuesday'");
        (await kept.Last.InnerTextAsync()).Should().StartWith("mixed.csv:1003: sent_at: 'last tuesday'");
        (await result.GetByTestId("import-rejected-more").InnerTextAsync()).Trim().Should().Be("… and 3 more.");
    }

    private static async Task ImportAPictureAsync(IPage page)
    {
        await ChooseFilesAsync(page, "data.csv", files => files.SetInputFilesAsync(new FilePayload { Name = "data.csv", MimeType = "text/csv", Buffer = Picture }));
        await page.Locator(".import-format").ClickAsync();
        await page.GetByText("csv: generic CSV").ClickAsync();

        await page.GetByTestId("import-start").ClickAsync();

        var refusal = page.GetByTestId("import-refused");
        await refusal.WaitForAsync();
        (await refusal.InnerTextAsync()).Should().Contain("Nothing was stored").And.Contain("data.csv");
        (await page.GetByTestId("import-result").CountAsync()).Should().Be(0);
        await ScreenshotAsync(page, "import-refused.png");
    }

    private static async Task ChooseFilesAsync(IPage page, string shownName, Func<ILocator, Task> choose)
    {
        // The file input listens only once the circuit has wired it up, a moment after the page turns interactive.
        // Files chosen before that are lost (a person would simply drop them again), so the test chooses again; the
        // input is emptied first, because the browser raises no change event for the very files it already holds.
        var input = page.GetByTestId("import-files");
        for (var attempt = 1; ; attempt++)
        {
            if (attempt > 1)
            {
                await input.SetInputFilesAsync(Array.Empty<string>());
            }

            await choose(input);
            try
            {
                await page.GetByTestId("import-selected").GetByText(shownName).WaitForAsync(new() { Timeout = 3_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 5)
            {
            }
        }
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        // A full-page shot of a scrolled page draws the fixed app bar where the scroll left it.
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        Directory.CreateDirectory(Browser.ScreenshotFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotFolder, name), FullPage = true });
    }

    // The counts are formatted in the server's culture; their digits are what the test compares.
    private static string Digits(string text) => string.Concat(text.Where(char.IsAsciiDigit));

    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "Samples", name);
}
