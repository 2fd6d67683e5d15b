using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace InviteTriage.E2E;

/// <summary>
/// The steps every journey shares: an account, a token, invitations sent through the API, a watch on the browser
/// for console errors and script dialogs, and screenshots.
/// </summary>
internal static class Journey
{
    public const string Password = "a long enough password";

    /// <summary>
    /// Collects console errors, uncaught page errors, violations of the content security policy and any script
    /// dialog; a journey ends by asserting none.
    /// </summary>
    public static async Task<List<string>> WatchForProblemsAsync(IPage page)
    {
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add($"page error: {error}");
        page.Dialog += (_, dialog) =>
        {
            problems.Add($"dialog (script ran): {dialog.Message}");
            _ = dialog.DismissAsync();
        };
        await page.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', e => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
            """);
        return problems;
    }

    /// <summary>Registers the instance's first account and waits for the empty inbox.</summary>
    public static async Task RegisterAsync(IPage page, string email)
    {
        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/account/register");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(Password);
        await page.Locator("#confirm").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.GetByText("Your inbox is empty").WaitForAsync();
    }

    public static async Task<string> CreateTokenAsync(IPage page, string name)
    {
        await page.GotoAsync("/settings");
        await InteractiveAsync(page);
        await page.GetByRole(AriaRole.Tab, new() { Name = "API tokens" }).ClickAsync();
        await page.GetByLabel("Token name").FillAsync(name);
        await page.GetByTestId("create-token").ClickAsync();
        return (await page.GetByTestId("new-token").TextContentAsync())!.Trim();
    }

    /// <summary>The founding story's flock: four colleagues of Blum Shapiro inviting within the morning of 24 November 2025.</summary>
    public static IEnumerable<object> FourColleagues()
    {
        var morning = new DateTime(2025, 11, 24, 8, 0, 0, DateTimeKind.Utc);
        string[] names = ["Anna Berg", "Jonas Wirth", "Mia Keller", "Paul Roth"];
        int[] minutes = [5, 40, 85, 160];
        return names.Select((name, i) => new
        {
            senderName = name,
            sentAt = morning.AddMinutes(minutes[i]).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            senderHeadline = "Consultant at Blum Shapiro",
            senderCompany = "Blum Shapiro",
            senderProfileUrl = $"https://www.linkedin.com/in/{name.ToLowerInvariant().Replace(' ', '-')}-blumshapiro",
            message = "I'd like to join your LinkedIn network.",
        });
    }

    /// <summary>Sends invitation drafts (camelCase, as DESIGN.md's JSON format) through <c>POST /api/invitations</c>.</summary>
    public static async Task SendAsync(Uri baseUrl, string token, IEnumerable<object> drafts)
    {
        using var http = new HttpClient { BaseAddress = baseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.PostAsJsonAsync(new Uri("api/invitations", UriKind.Relative), drafts);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Pages are prerendered; clicks land only once the circuit is live, which MainLayout marks.</summary>
    public static Task InteractiveAsync(IPage page) => page.Locator("[data-interactive=true]").WaitForAsync();

    // Transitions are finished first, so a snackbar still fading in is drawn as the user sees it a moment later.
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Browser.ScreenshotFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotFolder, name), FullPage = true, Animations = ScreenshotAnimations.Disabled });
    }
}
