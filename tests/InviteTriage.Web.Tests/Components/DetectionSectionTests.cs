using System.Security.Claims;
using Bunit;
using InviteTriage.Data;
using InviteTriage.Data.Settings;
using InviteTriage.Web.Components.Pages.Settings;
using InviteTriage.Web.Tests.Api;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Web.Tests.Components;

/// <summary>The settings preview in a live circuit, over a real store.</summary>
[Collection(WebHostGroup.Name)]
public sealed class DetectionSectionTests : MudContext, IClassFixture<TriageWebFactory>
{
    private readonly TriageWebFactory _factory;

    public DetectionSectionTests(TriageWebFactory factory)
    {
        _factory = factory;
        Services.AddSingleton(factory.Services.GetRequiredService<SettingsService>());
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    // On PostgreSQL the page's first render comes before its settings are read (Npgsql is truly async; SQLite answers
    // at once). Here the signed-in user arrives late, which has the same effect: the first render has no form yet. The
    // figures must come once the form is there, not fail on it (it ended the circuit) or never come.
    [Fact]
    public async Task AFormLoadedAfterTheFirstRender_ShowsItsFiguresOnceItIsThere()
    {
        var member = await ApiMember.CreateAsync(_factory, "detection-section-late");
        await member.PostOkAsync("/api/invitations", Drafts.FourColleagues("Vogt Legal"));
        var signedIn = new TaskCompletionSource<AuthenticationState>();

        var section = Render<DetectionSection>(p => p.AddCascadingValue(signedIn.Task));
        section.Markup.Should().NotContain("With these settings");
        signedIn.SetResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, member.OwnerId), new Claim(ClaimTypes.Name, member.Email)], "test"))));

        section.WaitForAssertion(() => section.Find("[data-testid=preview-text]").TextContent.Should().Contain("With these settings: 1 flock,"), TimeSpan.FromSeconds(30));
    }

    // The saved settings' figures are the stored flocks'; the preview, which reads every invitation, runs for a change
    // only. Here the stored flock is deleted behind detection's back, so the two disagree and show which one ran.
    [Fact]
    public async Task TheSavedSettings_ShowTheStoredFlocks_AndOnlyAChangeIsPreviewed()
    {
        var member = await ApiMember.CreateAsync(_factory, "detection-section-stored");
        await member.PostOkAsync("/api/invitations", Drafts.FourColleagues("Ansel Tax"));
        var factory = _factory.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            (await db.Flocks.Where(f => f.OwnerId == member.OwnerId).ExecuteDeleteAsync()).Should().Be(1);
        }

        var section = Render<DetectionSection>(p => p.AddCascadingValue(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, member.OwnerId), new Claim(ClaimTypes.Name, member.Email)], "test"))))));

        section.WaitForAssertion(() => section.Find("[data-testid=preview-text]").TextContent.Should().Contain("With these settings: 0 flocks,"), TimeSpan.FromSeconds(30));
        await Task.Delay(500);
        section.Find("[data-testid=preview-text]").TextContent.Should().Contain("0 flocks", "no preview ran for the saved settings");

        section.Find("input[data-testid=gap]").Change("12");

        section.WaitForAssertion(() => section.Find("[data-testid=preview]").TextContent.Should()
            .Contain("With these settings: 1 flock,").And.Contain("Now: 0 flocks"), TimeSpan.FromSeconds(30));
    }
}
