using InviteTriage.Core.Detection;

namespace InviteTriage.Core.Tests.Detection;

public sealed class HeadlineCompanyTests
{
    [Theory]
    [InlineData("Senior Accountant at Blum Shapiro | CPA", "Blum Shapiro")]
    [InlineData("Senior Accountant at Blum Shapiro", "Blum Shapiro")]
    [InlineData("CPA | Senior Accountant at Blum Shapiro", "Blum Shapiro")]
    [InlineData("Tax Manager @ Pellmore Rusk LLP", "Pellmore Rusk LLP")]
    [InlineData("Tax Manager @Pellmore Rusk", "Pellmore Rusk")]
    [InlineData("Audit Senior AT Blum Shapiro & Company, P.C.", "Blum Shapiro & Company, P.C.")]
    [InlineData("Partner - Hart Lowe", "Hart Lowe")]
    [InlineData("Manager – Tax – Hart Lowe", "Hart Lowe")]
    [InlineData("Helping firms grow • Partner at Hart Lowe", "Hart Lowe")]
    [InlineData("Helping firms grow · Partner at Hart Lowe · CFA", "Hart Lowe")]
    [InlineData("Partner - Hart Lowe | Advisor at Nordvik", "Nordvik")]
    [InlineData("Accountant at Blum Shapiro, ", "Blum Shapiro")]
    [InlineData("Senior Accountant - CPA | Controller at Acme", "Acme")]
    public void Parse_HeadlineNamingCompany_GivesCompany(string headline, string expected)
    {
        var company = HeadlineCompany.Parse(headline);

        company.Should().Be(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Senior Accountant")]
    [InlineData("CPA")]
    [InlineData("CPA | MBA | PMP")]
    [InlineData("CPA, CFA, FRM")]
    [InlineData("Ph.D. | CISSP")]
    [InlineData("Senior Accountant - CPA")]
    [InlineData("Senior Accountant - CPA, MBA")]
    [InlineData("Reach me at | jane@blumshapiro.com")]
    [InlineData("Open to work")]
    public void Parse_HeadlineWithoutCompany_GivesNull(string? headline)
    {
        var company = HeadlineCompany.Parse(headline);

        company.Should().BeNull();
    }
}
