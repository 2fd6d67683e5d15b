using CsCheck;
using InviteTriage.Core.Detection;

namespace InviteTriage.Core.Tests.Detection;

public sealed class CompanyKeyTests
{
    [Theory]
    [InlineData("Blum Shapiro & Company, P.C.", "blumshapiro")]
    [InlineData("BlumShapiro", "blumshapiro")]
    [InlineData("Blum Shapiro", "blumshapiro")]
    [InlineData("Blum Shapiro and Company", "blumshapiro")]
    [InlineData("Acme,Inc.", "acme")]
    [InlineData("Acme, Inc.", "acme")]
    [InlineData("ACME INCORPORATED", "acme")]
    [InlineData("Pellmore Rusk LLP", "pellmorerusk")]
    [InlineData("Pellmore Rusk, LLP", "pellmorerusk")]
    [InlineData("PellmoreRusk", "pellmorerusk")]
    [InlineData("The Pellmore Rusk Company", "pellmorerusk")]
    [InlineData("Smith & Co.", "smith")]
    [InlineData("Smith&Co", "smith")]
    [InlineData("Müller GmbH & Co. KG", "muller")]
    [InlineData("Müller GmbH", "muller")]
    [InlineData("Mueller Holding AG", "muellerholding")]
    [InlineData("Widget Pty Ltd", "widget")]
    [InlineData("Widget Co., Ltd.", "widget")]
    [InlineData("Widget Corp", "widget")]
    [InlineData("Widget Corporation Limited", "widget")]
    [InlineData("Harbor Partners PLLC", "harborpartners")]
    [InlineData("Harbor Partners L.L.C.", "harborpartners")]
    [InlineData("Hart, Lowe P.C.", "hartlowe")]
    [InlineData("Nordvik B.V.", "nordvik")]
    [InlineData("Nordvik N.V.", "nordvik")]
    [InlineData("Nordvik S.A.", "nordvik")]
    [InlineData("Nordvik plc", "nordvik")]
    [InlineData("Nordvik LP", "nordvik")]
    [InlineData("O'Neil & Partners", "oneilandpartners")]
    [InlineData("O’Neil & Partners", "oneilandpartners")]
    [InlineData("AT&T", "atandt")]
    [InlineData("  \"Blum Shapiro\"  ", "blumshapiro")]
    [InlineData("Ｂｌｕｍ　Ｓｈａｐｉｒｏ", "blumshapiro")]
    [InlineData("Société Générale", "societegenerale")]
    [InlineData("Straße Consulting", "strasseconsulting")]
    [InlineData("Bjørn Design", "bjorndesign")]
    [InlineData("3M Company", "3m")]
    [InlineData("Theatre Works", "theatreworks")]
    [InlineData("Co", "co")]
    [InlineData("AG", "ag")]
    [InlineData("Inc.", "inc")]
    [InlineData("The Company", "company")]
    [InlineData("The", "the")]
    [InlineData("&", "and")]
    [InlineData("İstanbul Yazılım", "istanbulyazılım")]
    public void Normalize_CompanyName_GivesKey(string company, string expected)
    {
        var key = CompanyKey.Normalize(company);

        key.Should().Be(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!!")]
    [InlineData("'")]
    [InlineData("...")]
    [InlineData(" - , ")]
    public void Normalize_NothingLeft_ReturnsNull(string? company)
    {
        var key = CompanyKey.Normalize(company);

        key.Should().BeNull();
    }

    [Fact]
    public void Normalize_DifferentCompanies_StayApart()
    {
        string[] companies = ["Blum Shapiro", "Blum Shapiro Partners", "Shapiro Blum"];

        var keys = companies.Select(CompanyKey.Normalize);

        keys.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Normalize_AnyText_IsIdempotent()
    {
        var words = Gen.OneOfConst(
            "Blum", "Shapiro", "&", "and", "Co.", "Company", "Inc", "P.C.", "LLP", "GmbH", "KG", "the", "The", "ß", "Ø",
            "Société", "Ｆｕｌｌ", ",", "'", "-", "AG", "pty", "ltd", "a/s", "x", "3M", "İstanbul", "ǅemal");
        var companies = words.Array[0, 8].Select(parts => string.Join(' ', parts));

        companies.Sample(company =>
        {
            var key = CompanyKey.Normalize(company);

            CompanyKey.Normalize(key).Should().Be(key, "a key is its own normal form (input \"{0}\")", company);
        }, iter: 2000);
    }

    [Fact]
    public void Normalize_RandomUnicode_IsIdempotentAndHasNoSpaces()
    {
        Gen.String.Sample(company =>
        {
            var key = CompanyKey.Normalize(company);

            key?.Should().NotContain(" ").And.NotBeEmpty();
            CompanyKey.Normalize(key).Should().Be(key);
        }, iter: 2000);
    }
}
