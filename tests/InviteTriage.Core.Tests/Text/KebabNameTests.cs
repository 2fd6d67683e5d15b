using InviteTriage.Core.Invitations;
using InviteTriage.Core.Text;

namespace InviteTriage.Core.Tests.Text;

public sealed class KebabNameTests
{
    [Theory]
    [InlineData(InvitationStatus.Pending, "pending")]
    [InlineData(InvitationStatus.NotKnown, "not-known")]
    [InlineData(InvitationSource.LinkedInExport, "linked-in-export")]
    public void Of_GivesTheOutsideName(Enum value, string expected)
    {
        var name = value switch
        {
            InvitationStatus status => KebabName.Of(status),
            InvitationSource source => KebabName.Of(source),
            _ => throw new ArgumentOutOfRangeException(nameof(value)),
        };

        name.Should().Be(expected);
    }

    [Theory]
    [InlineData("not-known", InvitationStatus.NotKnown)]
    [InlineData("NOT-KNOWN", InvitationStatus.NotKnown)]
    [InlineData(" archived ", InvitationStatus.Archived)]
    public void TryParse_KnownName_Parses(string text, InvitationStatus expected)
    {
        var parsed = KebabName.TryParse<InvitationStatus>(text, out var status);

        parsed.Should().BeTrue();
        status.Should().Be(expected);
    }

    [Theory]
    [InlineData("NotKnown")]
    [InlineData("maybe")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_UnknownName_Fails(string? text)
    {
        var parsed = KebabName.TryParse<InvitationStatus>(text, out _);

        parsed.Should().BeFalse();
    }

    [Fact]
    public void All_ListsEveryStatusInOrder()
    {
        var all = KebabName.All<InvitationStatus>();

        all.Should().Be("pending|accepted|archived|not-known");
    }
}
