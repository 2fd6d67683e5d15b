using System.Net;
using InviteTriage.Web.Tests.Api;

namespace InviteTriage.Web.Tests.Pages;

[Collection(WebHostGroup.Name)]
public sealed class SettingsPageTests : IClassFixture<TriageWebFactory>
{
    private readonly TriageWebFactory _factory;

    public SettingsPageTests(TriageWebFactory factory) => _factory = factory;

    [Fact]
    public async Task Prerendered_ShowsTheFormAndTheStoredFigures_AtOnce()
    {
        // The saved settings' figures are the stored flocks', one aggregate: the prerendered page has them, and no
        // preview (which reads every invitation) runs for them, there or in the circuit.
        var member = await ApiMember.CreateAsync(_factory, "settings-prerender");
        await member.PostOkAsync("/api/invitations", Drafts.FourColleagues("Vogt Legal"));
        var browser = await member.SignInAsync(_factory);

        var response = await browser.GetAsync("/settings");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("data-testid=\"gap\"", "the form is there before the circuit starts")
            .And.Contain("With these settings: <b>1 flock</b>, ")
            .And.NotContain("Counting…");
    }
}
