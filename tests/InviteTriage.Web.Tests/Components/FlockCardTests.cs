using Bunit;
using InviteTriage.Core.Flocks;
using InviteTriage.Core.Invitations;
using InviteTriage.Core.Triage;
using InviteTriage.Data.Flocks;
using InviteTriage.Web.Components.Pages.Flocks;

namespace InviteTriage.Web.Tests.Components;

public sealed class FlockCardTests : MudContext
{
    private static readonly DateTime Nine = new(2025, 11, 24, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void ShowsTheCompanySendersSpanSeverityScoreAndReasons()
    {
        var card = Render<FlockCard>(p => p.Add(c => c.Flock, Flock(FlockStatus.Open)).Add(c => c.Now, Nine.AddDays(1)));

        card.Find("h2").TextContent.Should().Be("Pellmore Rusk");
        card.Find("[data-testid=severity]").TextContent.Should().Be("likely");
        card.Find("[data-testid=score]").TextContent.Should().Be("6.5");
        card.Find("[data-testid=flock-span]").TextContent.Should().Contain("3 senders within 1 h 10 min");
        card.FindAll("[data-testid=member]").Should().HaveCount(3);
        card.FindAll("[data-testid=reason]").Select(r => r.GetAttribute("data-rule")).Should().Equal("FLOCK_COMPANY", "GENERIC_TEXT");
    }

    [Fact]
    public void PlacesEachArrivalOnTheTimeline_FirstAtTheStartAndLastAtTheEnd()
    {
        var card = Render<FlockCard>(p => p.Add(c => c.Flock, Flock(FlockStatus.Open)).Add(c => c.Now, Nine.AddDays(1)));

        card.FindAll(".arrival").Select(a => a.GetAttribute("style")).Should().Equal("left: 0%", "left: 57.14%", "left: 100%");
    }

    [Fact]
    public void AnOpenFlock_OffersTheDecisionsAndNotAFlock()
    {
        TriageAction? raised = null;
        var card = Render<FlockCard>(p => p
            .Add(c => c.Flock, Flock(FlockStatus.Open))
            .Add(c => c.Now, Nine)
            .Add(c => c.OnAction, action => raised = action));

        card.FindAll("button").Select(b => b.TextContent.Trim()).Should().Equal("Accept all", "Archive all", "I don't know all", "Not a flock");
        card.FindAll("button").Single(b => b.TextContent.Trim() == "I don't know all").Click();
        raised.Should().Be(TriageAction.NotKnown);
    }

    [Fact]
    public void AResolvedFlock_OffersToMakeItPendingAgain()
    {
        var card = Render<FlockCard>(p => p.Add(c => c.Flock, Flock(FlockStatus.Resolved)).Add(c => c.Now, Nine));

        card.FindAll("button").Select(b => b.TextContent.Trim()).Should().Equal("Make all pending again", "Not a flock");
    }

    [Theory]
    [InlineData(FlockStatus.Dismissed)]
    [InlineData(FlockStatus.Withdrawn)]
    public void ADismissedOrWithdrawnFlock_OffersNoAction(FlockStatus status)
    {
        var card = Render<FlockCard>(p => p.Add(c => c.Flock, Flock(status)).Add(c => c.Now, Nine));

        card.FindAll("button").Should().BeEmpty();
    }

    [Fact]
    public void ABusyPage_DisablesTheActions()
    {
        var card = Render<FlockCard>(p => p.Add(c => c.Flock, Flock(FlockStatus.Open)).Add(c => c.Now, Nine).Add(c => c.Busy, true));

        card.FindAll("button").Should().OnlyContain(b => b.HasAttribute("disabled"));
    }

    [Fact]
    public void ScriptInASendersName_IsShownAsText()
    {
        var flock = Flock(FlockStatus.Open) with
        {
            Members = [new FlockMemberView(1, null, "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", Nine, InvitationStatus.Pending)],
        };

        var card = Render<FlockCard>(p => p.Add(c => c.Flock, flock).Add(c => c.Now, Nine));

        card.FindAll("script, img").Should().BeEmpty();
        card.Find("[data-testid=member]").TextContent.Should().Contain("<script>alert(1)</script>");
    }

    private static FlockView Flock(FlockStatus status) => new(
        7, "Pellmore Rusk", "pellmorerusk", 6.5, FlockSeverity.Likely, status, Nine, Nine.AddMinutes(70), 3, 1e-9,
        [
            new FlockMemberView(1, null, "Ada Quill", "Partner at Pellmore Rusk", Nine, InvitationStatus.Pending),
            new FlockMemberView(2, null, "Bo Ray", null, Nine.AddMinutes(40), InvitationStatus.Pending),
            new FlockMemberView(3, null, "Cy Tan", null, Nine.AddMinutes(70), InvitationStatus.Accepted),
        ],
        [new FlagReason("FLOCK_COMPANY", 5, "Pellmore Rusk: 3 senders in 1 h 10 min"), new FlagReason("GENERIC_TEXT", 1.5, "3 of 3 generic")]);
}
