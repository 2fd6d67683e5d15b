using System.Globalization;
using InviteTriage.Core.Flocks;

namespace InviteTriage.Core.Tests.Flocks;

public sealed class FlagReasonTests
{
    [Theory]
    [InlineData("FLOCK_COMPANY", 3.0, "Blum Shapiro: 4 senders", "FLOCK_COMPANY (+3.0) Blum Shapiro: 4 senders")]
    [InlineData("OWN_COMPANY", -3.0, "your employer", "OWN_COMPANY (-3.0) your employer")]
    [InlineData("GENERIC_TEXT", 1.5, "3 of 4 generic", "GENERIC_TEXT (+1.5) 3 of 4 generic")]
    public void ToString_ReadsLikeASpamFilter(string rule, double score, string detail, string expected)
    {
        var reason = new FlagReason(rule, score, detail);

        var text = reason.ToString();

        text.Should().Be(expected);
    }

    [Fact]
    public void ToString_IsTheSameInEveryCulture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var text = new FlagReason("GENERIC_TEXT", 1.5, "x").ToString();

            text.Should().Be("GENERIC_TEXT (+1.5) x");
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
