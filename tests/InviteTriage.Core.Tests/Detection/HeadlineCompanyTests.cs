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
    [InlineData("Chief Financial Officer at Nordvik Shipping AS", "Nordvik Shipping AS")]
    [InlineData("Software Engineer @ Brightline Labs", "Brightline Labs")]
    [InlineData("Recruiter at Talent Bridge | Connecting great people", "Talent Bridge")]
    [InlineData("Founder & CEO at Brightline Labs", "Brightline Labs")]
    [InlineData("VP Sales at Acme, Inc.", "Acme, Inc.")]
    [InlineData("Marketing Manager at L'Oréal", "L'Oréal")]
    [InlineData("Data Scientist at Müller & Söhne GmbH", "Müller & Söhne GmbH")]
    [InlineData("Business Development Manager - Pellmore Rusk LLP", "Pellmore Rusk LLP")]
    [InlineData("Associate at The Boston Consulting Group", "The Boston Consulting Group")]
    [InlineData("Tax Senior at Blum Shapiro | CPA | MBA", "Blum Shapiro")]
    [InlineData("Partner at Hart Lowe LLP • Speaker • Author", "Hart Lowe LLP")]
    [InlineData("Senior Consultant at Nordvik · Ex-Hart Lowe", "Nordvik")]
    [InlineData("Account Executive at Cloudmere | Helping small firms scale", "Cloudmere")]
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
    [InlineData("Retired")]
    [InlineData("Entrepreneur | Investor | Speaker")]
    public void Parse_HeadlineWithoutCompany_GivesNull(string? headline)
    {
        var company = HeadlineCompany.Parse(headline);

        company.Should().BeNull();
    }
}
