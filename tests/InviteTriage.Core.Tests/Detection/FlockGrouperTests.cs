using CsCheck;
using InviteTriage.Core.Detection;
using static InviteTriage.Core.Tests.Detection.TestInvitations;

namespace InviteTriage.Core.Tests.Detection;

public sealed class FlockGrouperTests
{
    private static readonly DetectionSettings Settings = DetectionSettings.Default;

    [Fact]
    public void Group_ThreeSendersWithinHours_IsOneCandidate()
    {
        DetectionInvitation[] stream = [Invite(1, "Ann", At(0, 9)), Invite(2, "Bob", At(0, 10)), Invite(3, "Cy", At(0, 14))];

        var groups = FlockGrouper.Group(stream, Settings);

        groups.Should().ContainSingle().Which.Members.Select(m => m.Id).Should().Equal(1, 2, 3);
        groups[0].SenderCount.Should().Be(3);
        groups[0].IsCandidate(Settings).Should().BeTrue();
    }

    [Theory]
    [InlineData(24 * 60, 1)]
    [InlineData((24 * 60) + 1, 2)]
    public void Group_GapAroundH_JoinsUpToH(int gapMinutes, int expectedGroups)
    {
        DetectionInvitation[] stream = [Invite(1, "Ann", At(0, 9)), Invite(2, "Bob", At(0, 9).AddMinutes(gapMinutes))];

        var groups = FlockGrouper.Group(stream, Settings);

        groups.Should().HaveCount(expectedGroups);
    }

    [Fact]
    public void Group_LongChain_IsCutWhenSpanExceedsS()
    {
        var stream = Enumerable.Range(0, 6).Select(i => Invite(i + 1, $"S{i}", At(0, 0).AddHours(18 * i))).ToList();

        var groups = FlockGrouper.Group(stream, Settings);

        groups.Select(g => g.Members.Select(m => m.Id)).Should().BeEquivalentTo(
            new[] { new long[] { 1, 2, 3, 4, 5 }, [6] },
            options => options.WithStrictOrdering());
    }

    [Fact]
    public void Group_SameSenderTwice_CountsOnce()
    {
        DetectionInvitation[] stream = [Invite(1, "Ann", At(0, 9)), Invite(2, "Ann", At(0, 10)), Invite(3, "Bob", At(0, 11))];

        var groups = FlockGrouper.Group(stream, Settings);

        groups.Should().ContainSingle().Which.SenderCount.Should().Be(2);
        groups[0].IsCandidate(Settings).Should().BeFalse();
    }

    [Fact]
    public void Group_UnorderedInput_WalksBySentAtThenId()
    {
        DetectionInvitation[] stream = [Invite(9, "Cy", At(0, 11)), Invite(7, "Bob", At(0, 10)), Invite(3, "Ann", At(0, 10))];

        var groups = FlockGrouper.Group(stream, Settings);

        groups.Should().ContainSingle().Which.Members.Select(m => m.Id).Should().Equal(3, 7, 9);
    }

    [Fact]
    public void Group_MembersOfOneDismissedFlock_AreNeverGroupedTogether()
    {
        DetectionInvitation[] stream =
        [
            Invite(1, "Ann", At(0, 9)) with { DismissedFlockIds = [70] },
            Invite(2, "Bob", At(0, 9, 30)) with { DismissedFlockIds = [70] },
            Invite(3, "Cy", At(0, 10)) with { DismissedFlockIds = [70] },
        ];

        var groups = FlockGrouper.Group(stream, Settings);

        groups.Select(g => g.Members.Select(m => m.Id)).Should().BeEquivalentTo(
            new[] { new long[] { 1 }, [2], [3] },
            options => options.WithStrictOrdering());
    }

    [Fact]
    public void Group_DismissedMemberAndNewColleagues_CanFormANewGroup()
    {
        DetectionInvitation[] stream =
        [
            Invite(1, "Ann", At(0, 9)) with { DismissedFlockIds = [70] },
            Invite(2, "Bob", At(0, 10)) with { DismissedFlockIds = [70] },
            Invite(3, "Dee", At(0, 12)),
            Invite(4, "Eve", At(0, 13)),
        ];

        var groups = FlockGrouper.Group(stream, Settings);

        groups.Select(g => g.Members.Select(m => m.Id)).Should().BeEquivalentTo(
            new[] { new long[] { 1 }, [2, 3, 4] },
            options => options.WithStrictOrdering());
        groups[1].IsCandidate(Settings).Should().BeTrue();
    }

    [Fact]
    public void Group_OnlyASharedDismissedFlock_KeepsMembersApart()
    {
        DetectionInvitation[] stream =
        [
            Invite(1, "Ann", At(0, 9)) with { DismissedFlockIds = [70] },
            Invite(2, "Bob", At(0, 10)) with { DismissedFlockIds = [71] },
            Invite(3, "Cy", At(0, 11)) with { DismissedFlockIds = [71, 72] },
        ];

        var groups = FlockGrouper.Group(stream, Settings);

        groups.Select(g => g.Members.Select(m => m.Id)).Should().BeEquivalentTo(
            new[] { new long[] { 1, 2 }, [3] },
            options => options.WithStrictOrdering());
    }

    [Fact]
    public void Group_MixedCompanyKeys_Throws()
    {
        DetectionInvitation[] stream = [Invite(1, "Ann", At(0, 9)), Invite(2, "Bob", At(0, 10), companyKey: "acme")];

        var act = () => FlockGrouper.Group(stream, Settings);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Group_RepeatedId_Throws()
    {
        DetectionInvitation[] stream = [Invite(1, "Ann", At(0, 9)), Invite(1, "Bob", At(3, 10))];

        var act = () => FlockGrouper.Group(stream, Settings);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Group_AnyStream_PartitionsIntoMaximalValidRuns()
    {
        var inputs = Gen.Select(DetectionGen.Stream("blumshapiro"), DetectionGen.Settings);

        inputs.Sample((stream, settings) =>
        {
            var ordered = stream.OrderBy(i => i.SentAt).ThenBy(i => i.Id).ToList();

            var groups = FlockGrouper.Group(stream, settings);

            groups.SelectMany(g => g.Members).Should().Equal(ordered, "groups are contiguous runs of the (sentAt, id) order");
            foreach (var group in groups)
            {
                group.Members.Zip(group.Members.Skip(1), (a, b) => b.SentAt - a.SentAt).Should().NotContain(gap => gap > settings.Gap);
                (group.LastSentAt - group.FirstSentAt).Should().BeLessThanOrEqualTo(settings.Span);
                group.Members.SelectMany(m => m.DismissedFlockIds).Should().OnlyHaveUniqueItems();
            }

            foreach (var (previous, next) in groups.Zip(groups.Skip(1)))
            {
                var head = next.Members[0];
                var couldJoin = head.SentAt - previous.LastSentAt <= settings.Gap
                    && head.SentAt - previous.FirstSentAt <= settings.Span
                    && !previous.Members.SelectMany(m => m.DismissedFlockIds).Intersect(head.DismissedFlockIds).Any();
                couldJoin.Should().BeFalse("a group only ends when the next invitation cannot join it");
            }
        }, iter: 1000);
    }

    [Fact]
    public void Group_AnyPermutation_GivesSameGroups()
    {
        var inputs = DetectionGen.Stream("blumshapiro").SelectMany(stream => Gen.Shuffle(stream.ToArray()).Select(shuffled => (stream, shuffled)));

        inputs.Sample((stream, shuffled) =>
        {
            var expected = FlockGrouper.Group(stream, Settings).Select(g => g.Members.Select(m => m.Id).ToList()).ToList();

            var actual = FlockGrouper.Group(shuffled, Settings).Select(g => g.Members.Select(m => m.Id).ToList()).ToList();

            actual.Should().BeEquivalentTo(expected, options => options.WithStrictOrdering());
        }, iter: 1000);
    }
}
