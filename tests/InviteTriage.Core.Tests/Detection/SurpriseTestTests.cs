using CsCheck;
using InviteTriage.Core.Detection;
using static InviteTriage.Core.Tests.Detection.TestInvitations;

namespace InviteTriage.Core.Tests.Detection;

public sealed class SurpriseTestTests
{
    // Reference values from mpmath at 50 digits, summing the tail itself.
    [Theory]
    [InlineData(0.014285714285714287, 3, 4.80732116891676e-7)]
    [InlineData(0.5, 6, 1.41649373223425e-5)]
    [InlineData(0.5, 3, 0.0143876779669707)]
    [InlineData(1e-10, 1, 9.9999999995e-11)]
    [InlineData(1e-3, 50, 3.284727517041e-215)]
    [InlineData(2.5, 2, 0.712702504816354)]
    [InlineData(10, 10, 0.542070285528148)]
    [InlineData(10, 25, 4.69493814267997e-5)]
    [InlineData(100, 150, 1.88421046603867e-6)]
    [InlineData(1000, 900, 0.999377402215725)]
    [InlineData(0.9, 1, 0.593430340259401)]
    public void PoissonUpperTail_KnownCases_MatchReference(double mu, int n, double expected)
    {
        var p = SurpriseTest.PoissonUpperTail(mu, n);

        p.Should().BeApproximately(expected, expected * 1e-9);
    }

    [Theory]
    [InlineData(0.0, 0, 1.0)]
    [InlineData(3.0, 0, 1.0)]
    [InlineData(0.0, 1, 0.0)]
    [InlineData(0.0, 5, 0.0)]
    public void PoissonUpperTail_Edges_AreExact(double mu, int n, double expected)
    {
        var p = SurpriseTest.PoissonUpperTail(mu, n);

        p.Should().Be(expected);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void PoissonUpperTail_InvalidMu_Throws(double mu)
    {
        var act = () => SurpriseTest.PoissonUpperTail(mu, 3);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void PoissonUpperTail_AnyInputs_IsAProbabilityFallingWithN()
    {
        var inputs = Gen.Select(Gen.Double[0, 200], Gen.Int[0, 400]);

        inputs.Sample((mu, n) =>
        {
            var p = SurpriseTest.PoissonUpperTail(mu, n);

            var next = SurpriseTest.PoissonUpperTail(mu, n + 1);

            p.Should().BeInRange(0, 1);
            next.Should().BeLessThanOrEqualTo(p);
        }, iter: 5000);
    }

    [Fact]
    public void Evaluate_UnknownFirmThreeSendersInADayWithAWeekOfData_IsFlock()
    {
        var first = At(2, 9);
        var last = At(2, 15);
        var coverage = new DataCoverage(At(0, 0), At(6, 23));

        var result = SurpriseTest.Evaluate(first, last, senderCount: 3, baseline: 0, coverage, DetectionSettings.Default);

        result.BaselineHours.Should().Be(168);
        result.Mu.Should().BeApproximately(0.1 * 24 / 168, 1e-12);
        result.Mu.Should().BeApproximately(0.014, 0.0005);
        result.PValue.Should().BeApproximately(4.807e-7, 0.001e-7);
        result.IsFlock.Should().BeTrue();
    }

    [Theory]
    [InlineData(6, 1.425e-5, true)]
    [InlineData(3, 0.01443, false)]
    public void Evaluate_CompanyInvitingEveryOtherDay_FlocksOnlyWithManySenders(int senders, double expectedP, bool expectedFlock)
    {
        var first = At(100, 9);
        var last = At(100, 17);
        var coverage = new DataCoverage(first.AddDays(-90), last.AddDays(90));

        var result = SurpriseTest.Evaluate(first, last, senders, baseline: 90, coverage, DetectionSettings.Default);

        result.BaselineHours.Should().Be(180 * 24);
        result.Mu.Should().BeApproximately(0.5, 0.001);
        result.PValue.Should().BeApproximately(expectedP, expectedP * 1e-3);
        result.IsFlock.Should().Be(expectedFlock);
    }

    [Fact]
    public void Evaluate_SpanLongerThanGap_UsesSpanForMu()
    {
        var first = At(10, 0);
        var last = At(11, 12);
        var coverage = new DataCoverage(At(0, 0), At(40, 0));

        var result = SurpriseTest.Evaluate(first, last, 3, baseline: 5, coverage, DetectionSettings.Default);

        result.Lambda.Should().BeApproximately(5.1 / result.BaselineHours, 1e-15);
        result.Mu.Should().BeApproximately(result.Lambda * 36, 1e-12);
    }

    [Fact]
    public void Evaluate_PExactlyAlpha_IsFlock()
    {
        var settings = DetectionSettings.Default with { Alpha = SurpriseTest.PoissonUpperTail(0.1 * 24 / 168, 3) };

        var result = SurpriseTest.Evaluate(At(2, 9), At(2, 10), 3, 0, new DataCoverage(At(0, 0), At(6, 0)), settings);

        result.IsFlock.Should().BeTrue();
    }

    [Theory]
    [InlineData(240, 0, 240)]
    [InlineData(0, 240, 240)]
    [InlineData(120, 120, 240)]
    [InlineData(200 * 24, 200 * 24, 180 * 24)]
    [InlineData(72, 0, 168)]
    [InlineData(0, 0, 168)]
    public void BaselineHours_CoverageAroundCandidate_IsClippedWithWeekFloor(int coveredHoursBefore, int coveredHoursAfter, double expected)
    {
        var first = At(100, 9);
        var last = At(100, 12);
        var coverage = new DataCoverage(first.AddHours(-coveredHoursBefore), last.AddHours(coveredHoursAfter));

        var hours = SurpriseTest.BaselineHours(first, last, coverage);

        hours.Should().Be(expected);
    }

    [Fact]
    public void CountBaseline_WindowEdges_FollowHalfOpenIntervals()
    {
        var first = At(100, 9);
        var last = At(100, 12);
        var tick = TimeSpan.FromTicks(1);
        DateTime[] sentAts =
        [
            first.AddDays(-90) - tick,
            first.AddDays(-90),
            first - tick,
            first,
            At(100, 10),
            last,
            last + tick,
            last.AddDays(90),
            last.AddDays(90) + tick,
        ];

        var baseline = SurpriseTest.CountBaseline(sentAts, first, last);

        baseline.Should().Be(4);
    }

    [Fact]
    public void CountBaseline_AnySortedTimes_MatchesLinearCount()
    {
        var times = Gen.Int[0, 400 * 24].Array[0, 60].Select(hours => hours.Order().Select(h => Monday.AddHours(h)).ToArray());
        var inputs = Gen.Select(times, Gen.Int[0, 400 * 24], Gen.Int[0, 72]);

        inputs.Sample((sentAts, firstHour, spanHours) =>
        {
            var first = Monday.AddHours(firstHour);
            var last = first.AddHours(spanHours);
            var expected = sentAts.Count(at => (at >= first.AddDays(-90) && at < first) || (at > last && at <= last.AddDays(90)));

            var baseline = SurpriseTest.CountBaseline(sentAts, first, last);

            baseline.Should().Be(expected);
        }, iter: 2000);
    }
}
