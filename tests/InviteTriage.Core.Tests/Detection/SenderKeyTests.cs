using InviteTriage.Core.Detection;

namespace InviteTriage.Core.Tests.Detection;

public sealed class SenderKeyTests
{
    [Theory]
    [InlineData("https://www.linkedin.com/in/anna-gál-1234", "https://www.linkedin.com/in/anna-gál-1234")]
    [InlineData("https://www.linkedin.com/in/anna-g%C3%A1l-1234", "https://www.linkedin.com/in/anna-gál-1234")]
    [InlineData("https://www.linkedin.com/in/Anna-G%C3%A1l-1234/", "https://www.linkedin.com/in/anna-gál-1234")]
    [InlineData("https://www.linkedin.com/in/anna-gal-1234?trk=people-guest", "https://www.linkedin.com/in/anna-gal-1234")]
    [InlineData("https://www.linkedin.com/comm/in/anna-gal-1234", "https://www.linkedin.com/in/anna-gal-1234")]
    [InlineData("http://www.linkedin.com/in/anna-gal-1234", "https://www.linkedin.com/in/anna-gal-1234")]
    public void For_ProfileUrl_IsNormalisedUrl(string url, string expected)
    {
        var key = SenderKey.For(url, "Anna Gál", "blumshapiro");

        key.Should().Be(expected);
    }

    [Fact]
    public void For_ExportAndConnectionsSpellings_GiveSameKey()
    {
        var fromInvitations = SenderKey.For("https://www.linkedin.com/in/anna-gál-1234", "Anna Gál", "blumshapiro");

        var fromConnections = SenderKey.For("https://www.linkedin.com/in/anna-g%C3%A1l-1234", "Anna Gal", null);

        fromConnections.Should().Be(fromInvitations);
    }

    [Theory]
    [InlineData(null, "Kim Ortega", "blumshapiro", "name:kim ortega|blumshapiro")]
    [InlineData("", "Kim Ortega, CPA", "blumshapiro", "name:kim ortega|blumshapiro")]
    [InlineData("  ", "  KIM   ORTEGA ", "blumshapiro", "name:kim ortega|blumshapiro")]
    [InlineData(null, "Jane Roe - Senior BI Developer", "acme", "name:jane roe|acme")]
    [InlineData(null, "Anna Gál 🚀", null, "name:anna gal|")]
    [InlineData(null, "Jin Park, CFA, FRM", "hartlowe", "name:jin park|hartlowe")]
    public void For_NoProfileUrl_IsNameAndCompanyKey(string? url, string name, string? companyKey, string expected)
    {
        var key = SenderKey.For(url, name, companyKey);

        key.Should().Be(expected);
    }

    [Fact]
    public void For_SameNameAtDifferentCompanies_GivesDifferentKeys()
    {
        var atBlum = SenderKey.For(null, "Kim Ortega", "blumshapiro");

        var atAcme = SenderKey.For(null, "Kim Ortega", "acme");

        atBlum.Should().NotBe(atAcme);
    }

    [Theory]
    [InlineData("name:ada quill|acmeintl", "acme", "name:ada quill|acme")]
    [InlineData("name:ada quill|", "acme", "name:ada quill|acme")]
    [InlineData("name:ada quill|acme", null, "name:ada quill|")]
    [InlineData("name:a|b quill|acme", "anvil", "name:a|b quill|anvil")]
    [InlineData("https://www.linkedin.com/in/ada-quill", "acme", "https://www.linkedin.com/in/ada-quill")]
    public void WithCompany_ChangesOnlyTheCompanyOfANameKey(string senderKey, string? companyKey, string expected)
    {
        SenderKey.WithCompany(senderKey, companyKey).Should().Be(expected);
    }

    [Fact]
    public void WithCompany_GivesWhatForGives()
    {
        var moved = SenderKey.WithCompany(SenderKey.For(null, "Ada Quill", "acmeintl"), "acme");

        moved.Should().Be(SenderKey.For(null, "Ada Quill", "acme"));
    }
}
