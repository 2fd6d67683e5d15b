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
        var state = PersistedState().Match(html);
        state.Success.Should().BeTrue("the prerendered figures are handed to the circuit");
        state.Groups["state"].Length.Should().BeInRange(1, 16 * 1024, "the state goes back to the server in one message of at most 32 KB");
    }
}
