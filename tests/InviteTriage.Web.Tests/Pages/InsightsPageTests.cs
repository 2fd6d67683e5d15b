using System.Net;
using System.Text.RegularExpressions;
using InviteTriage.Web.Tests.Api;

namespace InviteTriage.Web.Tests.Pages;

[Collection(WebHostGroup.Name)]
public sealed partial class InsightsPageTests : IClassFixture<TriageWebFactory>
{
    // Blazor hands persisted state to the circuit in this comment of the prerendered page; it goes back to the server
    // in one SignalR message, which may not exceed 32 KB (Flocks.razor).
    [GeneratedRegex("<!--Blazor-Server-Component-State:(?<state>[^-]*)-->")]
    private static partial Regex PersistedState();

    private readonly TriageWebFactory _factory;

    public InsightsPageTests(TriageWebFactory factory) => _factory = factory;

    [Fact]
    public async Task Prerendered_CarriesItsFiguresToTheCircuit_InLittleState()
    {
        // Without the figures in the page, the circuit runs the page's four reads again as it starts.
        var member = await ApiMember.CreateAsync(_factory, "insights-prerender");
        await member.PostOkAsync("/api/invitations", Drafts.FourColleagues("Vogt Legal"));
        var browser = await member.SignInAsync(_factory);

        var response = await browser.GetAsync("/insights");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("data-testid=\"chart-weeks\"", "the charts are drawn while prerendering");
        var state = PersistedState().Match(html).Groups["state"].Value;
        // Every prerendered page carries some state (its components' own); a page that persists nothing, such as
        // Import, is the measure. The figures are a kilobyte or two of JSON, protected and in base64.
        var importPage = await (await browser.GetAsync("/import")).Content.ReadAsStringAsync();
        var nothingPersisted = PersistedState().Match(importPage).Groups["state"].Value;
        state.Length.Should().BeGreaterThan(nothingPersisted.Length + 1000, "the prerendered figures are handed to the circuit")
            .And.BeLessThan(16 * 1024, "the state goes back to the server in one message of at most 32 KB");
    }
}
