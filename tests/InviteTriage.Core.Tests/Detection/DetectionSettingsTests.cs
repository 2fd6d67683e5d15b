using InviteTriage.Core.Companies;
using InviteTriage.Core.Detection;
using InviteTriage.Core.Settings;

namespace InviteTriage.Core.Tests.Detection;

public sealed class DetectionSettingsTests
{
    [Fact]
    public void Default_MatchesDetectionSpec()
    {
        var settings = DetectionSettings.Default;

        settings.Should().BeEquivalentTo(new
        {
            GapHours = 24.0,
            SpanHours = 72.0,
            MinSenders = 3,
            Alpha = 1e-4,
            LikelyThreshold = 6.0,
            OwnCompanyKeys = Array.Empty<string>(),
            TrustedCompanyKeys = Array.Empty<string>(),
        });
    }

    [Fact]
    public void From_UserSettings_CopiesNumbersAndNormalisesCompanies()
    {
        var user = new UserSettings
        {
            OwnerId = "u1",
            GapHours = 12,
            SpanHours = 48,
            MinSenders = 4,
            Alpha = 1e-3,
            LikelyThreshold = 5,
            OwnEmployers = ["Blum Shapiro & Company, P.C.", "  "],
            TrustedCompanies = ["Acme, Inc.", "The Pellmore Rusk Company"],
        };

        var settings = DetectionSettings.From(user, CompanyAliasMap.Empty);

        settings.Should().BeEquivalentTo(new { GapHours = 12.0, SpanHours = 48.0, MinSenders = 4, Alpha = 1e-3, LikelyThreshold = 5.0 });
        settings.OwnCompanyKeys.Should().BeEquivalentTo("blumshapiro");
        settings.TrustedCompanyKeys.Should().BeEquivalentTo("acme", "pellmorerusk");
    }

    [Fact]
    public void From_DefaultUserSettings_EqualsDefaultNumbers()
    {
        var settings = DetectionSettings.From(new UserSettings { OwnerId = "u1" }, CompanyAliasMap.Empty);

        settings.Should().BeEquivalentTo(DetectionSettings.Default);
    }
}
