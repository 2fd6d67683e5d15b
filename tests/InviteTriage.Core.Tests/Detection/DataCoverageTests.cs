using InviteTriage.Core.Detection;

namespace InviteTriage.Core.Tests.Detection;

public sealed class DataCoverageTests
{
    private static readonly DateTime Monday = new(2025, 11, 24, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Of_SpansWholeUtcDays()
    {
        var coverage = DataCoverage.Of([Monday.AddHours(9), Monday.AddDays(2).AddHours(17)]);

        coverage.Should().Be(new DataCoverage(Monday, Monday.AddDays(3)));
    }

    [Fact]
    public void Of_ALaterInvitationOnTheSameDay_LeavesTheCoverageAsItWas()
    {
        var before = DataCoverage.Of([Monday.AddHours(9), Monday.AddHours(10)]);

        var after = DataCoverage.Of([Monday.AddHours(9), Monday.AddHours(10), Monday.AddHours(23).AddMinutes(59)]);

        after.Should().Be(before);
    }

    [Fact]
    public void Of_NoInvitations_IsNull()
    {
        var coverage = DataCoverage.Of([]);

        coverage.Should().BeNull();
    }
}
