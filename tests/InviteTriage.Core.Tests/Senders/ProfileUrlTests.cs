using InviteTriage.Core.Senders;

namespace InviteTriage.Core.Tests.Senders;

public sealed class ProfileUrlTests
{
    [Theory]
    [InlineData("https://www.linkedin.com/in/anna-gál-1234", "https://www.linkedin.com/in/anna-gál-1234")]
    [InlineData("https://www.linkedin.com/in/anna-g%C3%A1l-1234", "https://www.linkedin.com/in/anna-gál-1234")]
    [InlineData("https://www.linkedin.com/in/Anna-Gal-1234/", "https://www.linkedin.com/in/anna-gal-1234")]
    [InlineData("https://www.linkedin.com/in/anna-gal-1234?trk=abc#top", "https://www.linkedin.com/in/anna-gal-1234")]
    [InlineData("https://www.linkedin.com/comm/in/anna-gal-1234?midToken=x", "https://www.linkedin.com/in/anna-gal-1234")]
    [InlineData("http://www.linkedin.com/in/anna-gal-1234", "https://www.linkedin.com/in/anna-gal-1234")]
    [InlineData("  https://www.linkedin.com/in/anna  ", "https://www.linkedin.com/in/anna")]
    public void Normalize_FormsOfOneProfile_GiveOneUrl(string url, string expected)
    {
        var normalized = ProfileUrl.Normalize(url);

        normalized.Should().Be(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?only=query")]
    public void Normalize_NothingThere_IsNull(string? url)
    {
        var normalized = ProfileUrl.Normalize(url);

        normalized.Should().BeNull();
    }
}
