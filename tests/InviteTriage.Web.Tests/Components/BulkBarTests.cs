using Bunit;
using InviteTriage.Core.Invitations;
using InviteTriage.Core.Triage;
using InviteTriage.Data.Invitations;
using InviteTriage.Web.Components.Pages.Inbox;

namespace InviteTriage.Web.Tests.Components;

public sealed class BulkBarTests : MudContext
{
    [Fact]
    public void NothingSelected_ShowsNothing()
    {
        var bar = Render<BulkBar>(p => p.Add(c => c.Selected, []));

        bar.FindAll("[data-testid=bulk-bar]").Should().BeEmpty();
    }

    [Fact]
    public void ShowsHowManyAreSelected()
    {
        var bar = Render<BulkBar>(p => p.Add(c => c.Selected, [Invitation(1), Invitation(2), Invitation(3)]));

        bar.Find("[data-testid=bulk-count]").TextContent.Should().Be("3 selected");
    }

    [Fact]
    public void OffersOnlyActionsThatWouldChangeSomething()
    {
        var bar = Render<BulkBar>(p => p.Add(c => c.Selected, [Invitation(1, InvitationStatus.Pending), Invitation(2, InvitationStatus.Pending)]));

        bar.Find("[data-testid=bulk-restore]").HasAttribute("disabled").Should().BeTrue("every selected invitation is already pending");
        bar.Find("[data-testid=bulk-accept]").HasAttribute("disabled").Should().BeFalse();
        bar.Find("[data-testid=bulk-not-known]").HasAttribute("disabled").Should().BeFalse();
    }

    [Fact]
    public void AMixedSelection_CanBeRestored()
    {
        var bar = Render<BulkBar>(p => p.Add(c => c.Selected, [Invitation(1, InvitationStatus.Pending), Invitation(2, InvitationStatus.Archived)]));

        bar.Find("[data-testid=bulk-restore]").HasAttribute("disabled").Should().BeFalse();
        bar.Find("[data-testid=bulk-archive]").HasAttribute("disabled").Should().BeFalse();
    }

    [Theory]
    [InlineData("bulk-accept", TriageAction.Accept)]
    [InlineData("bulk-archive", TriageAction.Archive)]
    [InlineData("bulk-not-known", TriageAction.NotKnown)]
    [InlineData("bulk-restore", TriageAction.Restore)]
    public void EachButton_RaisesItsAction(string button, TriageAction expected)
    {
        TriageAction? raised = null;
        var bar = Render<BulkBar>(p => p
            .Add(c => c.Selected, [Invitation(1), Invitation(2, InvitationStatus.Archived)])
            .Add(c => c.OnAction, action => raised = action));

        bar.Find($"[data-testid={button}]").Click();

        raised.Should().Be(expected);
    }

    [Fact]
    public void WhileBusy_EveryActionIsDisabled()
    {
        var bar = Render<BulkBar>(p => p.Add(c => c.Selected, [Invitation(1), Invitation(2, InvitationStatus.Accepted)]).Add(c => c.Busy, true));

        bar.FindAll("button").Should().OnlyContain(b => b.HasAttribute("disabled"));
    }

    private static InvitationView Invitation(long id, InvitationStatus status = InvitationStatus.Pending) =>
        new(id, null, $"Sender {id}", null, "Acme", "acme", new DateTime(2025, 11, 24, 9, 0, 0, DateTimeKind.Utc), null, status, null, InvitationSource.Csv);
}
