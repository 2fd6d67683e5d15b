using Bunit;
using InviteTriage.Core.Flocks;
using InviteTriage.Web.Components.Shared;

namespace InviteTriage.Web.Tests.Components;

public sealed class ReasonListTests : MudContext
{
    [Fact]
    public void Renders_EachReasonInTheSpamFilterForm_WithItsSign()
    {
        FlagReason[] reasons =
        [
            new("FLOCK_COMPANY", 3, "Blum Shapiro: 4 senders in 2 h 10 min"),
            new("KNOWN_COMPANY", -1, "you know 2 people there"),
        ];

        var list = Render<ReasonList>(p => p.Add(c => c.Reasons, reasons).Add(c => c.ShowTotal, true));

        var items = list.FindAll("[data-testid=reason]");
        items.Select(i => i.TextContent).Should().Equal(
            "FLOCK_COMPANY (+3.0) Blum Shapiro: 4 senders in 2 h 10 min",
            "KNOWN_COMPANY (-1.0) you know 2 people there");
        items.Select(i => i.ClassName).Should().Equal("raises", "lowers");
        list.Find("[data-testid=reason-total]").TextContent.Should().Be("score 2.0");
    }

    [Fact]
    public void NoReasons_SaysSoInsteadOfAnEmptyList()
    {
        var list = Render<ReasonList>(p => p.Add(c => c.Reasons, []).Add(c => c.EmptyText, "Nothing flagged it."));

        list.FindAll("[data-testid=reason]").Should().BeEmpty();
        list.Find("[data-testid=no-reasons]").TextContent.Should().Be("Nothing flagged it.");
    }

    [Fact]
    public void MarkupInADetail_IsShownAsText()
    {
        var list = Render<ReasonList>(p => p.Add(c => c.Reasons, [new FlagReason("FLOCK_COMPANY", 2, "<img src=x onerror=alert(1)>")]));

        list.FindAll("img").Should().BeEmpty();
        list.Find("[data-testid=reason]").TextContent.Should().Contain("<img src=x onerror=alert(1)>");
    }
}
