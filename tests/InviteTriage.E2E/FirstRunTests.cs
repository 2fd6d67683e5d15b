using Microsoft.Playwright;

namespace InviteTriage.E2E;

public sealed class FirstRunTests : IClassFixture<RunningApp>, IClassFixture<Browser>
{
    private readonly RunningApp _app;
    private readonly Browser _browser;

    public FirstRunTests(RunningApp app, Browser browser)
    {
        _app = app;
        _browser = browser;
    }

    [Fact]
    public async Task NewcomerRegistersTheFirstAccount_LandsOnTheEmptyInbox_AndCreatesAnApiToken()
    {
        var page = await _browser.NewPageAsync(_app.BaseUrl);
        try
        {
            await RegisterAndCreateTokenAsync(page);
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotFolder, "failure.png"), FullPage = true });
            throw new InvalidOperationException($"The browser step failed; the app said:\n{_app.Log}", ex);
        }
    }

    private async Task RegisterAndCreateTokenAsync(IPage page)
    {
        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/account/register");
        await page.GetByText("Create the first account").WaitForAsync();
        await page.Locator("#email").FillAsync("first@example.com");
        await page.Locator("#password").FillAsync("a long enough password");
        await page.Locator("#confirm").FillAsync("a long enough password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await page.GetByText("Your inbox is empty").WaitForAsync();
        await page.Locator("[data-interactive=true]").WaitForAsync();
        (await page.GetByRole(AriaRole.Link, new() { Name = "Import invitations" }).IsVisibleAsync()).Should().BeTrue();
        (await page.GetByTestId("signed-in-user").TextContentAsync()).Should().Be("first@example.com");
        Directory.CreateDirectory(Browser.ScreenshotFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotFolder, "empty-inbox.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await page.WaitForURLAsync("**/settings");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "API tokens" }).ClickAsync();
        await page.GetByLabel("Token name").FillAsync("e2e");
        await page.GetByTestId("create-token").ClickAsync();
        var token = await page.GetByTestId("new-token").TextContentAsync();

        token.Should().StartWith("itk_");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotFolder, "api-token.png"), FullPage = true });
        using var http = new HttpClient { BaseAddress = _app.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        (await http.GetAsync(new Uri("api/invitations", UriKind.Relative))).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
    }
}
