using InviteTriage.Core.Senders;

namespace InviteTriage.Core.Tests.Senders;

public sealed class PersonNameTests
{
    [Theory]
    [InlineData("Kim Ortega, CPA", "kim ortega")]
    [InlineData("Kim Ortega", "kim ortega")]
    [InlineData("  KIM   ORTEGA  ", "kim ortega")]
    [InlineData("Jane Roe - Senior BI Developer", "jane roe")]
    [InlineData("José Núñez", "jose nunez")]
    [InlineData("Sam Lee 🚀", "sam lee")]
    [InlineData("Morgan Park, CFA, FRM", "morgan park")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Normalize_GivesTheComparableName(string? name, string expected)
    {
        var normalized = PersonName.Normalize(name);

        normalized.Should().Be(expected);
    }
}
