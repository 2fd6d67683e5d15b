using System.Net;
using InviteTriage.Web.Tests.Api;

namespace InviteTriage.Web.Tests.Pages;

[Collection(WebHostGroup.Name)]
public sealed class SettingsPageTests : IClassFixture<TriageWebFactory>
{
    private readonly TriageWebFactory _factory;

    public SettingsPageTests(TriageWebFactory factory) => _factory = factory;

    [Fact]
    public async Task Prerendered_ShowsTheFormAtOnce_AndLeavesTheCountToTheCircuit()
    {
        // The member has a flock, so a count made while prerendering would say "With these settings: 1 flock".
        var member = await ApiMember.CreateAsync(_factory, "settings-prerender");
        await member.PostOkAsync("/api/invitations", Drafts.FourColleagues("Vogt Legal"));
        var browser = await member.SignInAsync(_factory);

        var response = await browser.GetAsync("/settings");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("data-testid=\"gap\"", "the form is there before the circuit starts")
            .And.Contain("Counting…")
            .And.NotContain("With these settings", "the preview reads the member's invitations and is counted once, in the circuit");
    }
}
