using Bunit;
using InviteTriage.Web.Components.Pages.Settings;
using Microsoft.AspNetCore.Components;

namespace InviteTriage.Web.Tests.Components;

public sealed class CompanyListEditorTests : MudContext
{
    private readonly List<IReadOnlyList<string>> _changes = [];

    [Fact]
    public void ACompanyTypedAndEntered_IsAdded()
    {
        var editor = Editor(disabled: false);

        editor.Find("[data-testid=employers-input]").Input("Vogt Legal");
        editor.Find("[data-testid=employers-input]").KeyDown("Enter");

        _changes.Should().ContainSingle().Which.Should().Equal("Anvil Works", "Vogt Legal");
    }

    [Fact]
    public void WhileTheFormSaves_ItTakesNoChange()
    {
        var editor = Editor(disabled: false);
        editor.Find("[data-testid=employers-input]").Input("Vogt Legal");

        editor.Render(p => p.Add(c => c.Disabled, true));

        editor.Find("[data-testid=employers-input]").HasAttribute("disabled").Should().BeTrue();
        editor.Find("[data-testid=employers-add]").HasAttribute("disabled").Should().BeTrue();
        editor.FindAll("[data-testid=employers-chip] button").Should().NotBeEmpty().And.AllSatisfy(close => close.HasAttribute("disabled").Should().BeTrue());
        editor.Find("[data-testid=employers-input]").KeyDown("Enter");
        _changes.Should().BeEmpty("a company typed before the save began is not added while it runs");
    }

    private IRenderedComponent<CompanyListEditor> Editor(bool disabled) => Render<CompanyListEditor>(p => p
        .Add(c => c.Title, "Your own employers")
        .Add(c => c.Help, "Colleagues")
        .Add(c => c.TestId, "employers")
        .Add(c => c.Companies, ["Anvil Works"])
        .Add(c => c.Disabled, disabled)
        .Add(c => c.CompaniesChanged, EventCallback.Factory.Create<IReadOnlyList<string>>(this, _changes.Add)));
}
