using System.Text;
using InviteTriage.Core.Invitations;
using InviteTriage.Ingest.Tests.TestSupport;
using static InviteTriage.Ingest.Tests.TestSupport.Import;

namespace InviteTriage.Ingest.Tests.LinkedIn;

public sealed class LinkedInInvitationsReaderTests
{
    private const string Header2024 = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl";

    [Fact]
    public async Task ReadAsync_Export2024_YieldsSixIncomingDraftsAndSkipsTwoOutgoing()
    {
        var items = await ReadSampleAsync("linkedin-2024/Invitations.csv", ImportFormat.LinkedInInvitations);

        items.Drafts().Select(d => d.SenderName).Should().Equal(
            "Dana Quill", "Lee Marsh", "Kim Ortega, CPA", "Ada Fenwick", "José Núñez 🚀", "Chris Vale - Senior BI Developer");
        items.Skips(SkipKind.Outgoing).Select(s => s.Origin.Number).Should().Equal(2, 3);
        items.Rejections().Should().BeEmpty();
    }

    [Fact]
    public async Task ReadAsync_Export2024_ReadsEveryFieldOfARow()
    {
        var items = await ReadSampleAsync("linkedin-2024/Invitations.csv", ImportFormat.LinkedInInvitations);

        var ada = items.Drafts().Single(d => d.SenderName == "Ada Fenwick");
        ada.SentAt.Should().Be(Utc(2025, 11, 24, 9, 2));
        ada.SentAt.Kind.Should().Be(DateTimeKind.Utc);
        ada.SenderProfileUrl.Should().Be("https://www.linkedin.com/in/ada-fenwick-b2");
        ada.SenderCompany.Should().BeNull();
        ada.SenderHeadline.Should().BeNull();
        ada.Message.Should().BeNull();
        ada.Network.Should().Be("linkedin");
        ada.Source.Should().Be(InvitationSource.LinkedInExport);
        ada.Origin.ToString().Should().EndWith("Invitations.csv:7");
    }

    [Fact]
    public async Task ReadAsync_EmojiNameAndDoubleSpacedMessage_KeepsThemAsText()
    {
        var items = await ReadSampleAsync("linkedin-2024/Invitations.csv", ImportFormat.LinkedInInvitations);

        var jose = items.Drafts().Single(d => d.SenderName.StartsWith("Jos", StringComparison.Ordinal));
        jose.SenderName.Should().Be("José Núñez 🚀");
        jose.Message.Should().Be("Hello Robin,  we met at the regional meetup in October; I enjoyed your talk on data quality.  Best,  José");
        jose.SenderProfileUrl.Should().Be("https://www.linkedin.com/in/josé-núñez-8c");
        jose.SentAt.Should().Be(Utc(2025, 11, 12, 15, 15));
    }

    [Fact]
    public async Task ReadAsync_QuotedNameWithCommaAndTrailingSpace_ReadsWholeNameTrimmed()
    {
        var items = await ReadSampleAsync("linkedin-2024/Invitations.csv", ImportFormat.LinkedInInvitations);

        items.Drafts().Should().Contain(d => d.SenderName == "Kim Ortega, CPA" && d.Origin.Number == 6);
        items.Drafts().Should().Contain(d => d.SenderName == "Chris Vale - Senior BI Developer" && d.Origin.Number == 9);
    }

    [Fact]
    public async Task ReadAsync_Export2021WithFiveColumns_YieldsTwoDraftsWithoutProfileUrl()
    {
        var items = await ReadSampleAsync("linkedin-2021/Invitations.csv", ImportFormat.LinkedInInvitations);

        var drafts = items.Drafts();
        drafts.Should().HaveCount(2);
        items.Skips(SkipKind.Outgoing).Should().ContainSingle();
        drafts[0].SenderName.Should().Be("Terry Brook");
        drafts[0].SentAt.Should().Be(Utc(2021, 5, 3, 8, 15));
        drafts[0].Message.Should().Be("Robin,  I'd like to add you to my professional network on LinkedIn.  - Terry");
        drafts[0].SenderProfileUrl.Should().BeNull();
        drafts[1].SentAt.Should().Be(Utc(2021, 5, 3, 7, 2));
    }

    [Theory]
    [InlineData("11/24/25, 9:02 AM", 2025, 11, 24, 9, 2)]
    [InlineData("5/03/21, 8:15 AM", 2021, 5, 3, 8, 15)]
    [InlineData("10/30/25, 8:01 PM", 2025, 10, 30, 20, 1)]
    [InlineData("12/1/25, 12:00 AM", 2025, 12, 1, 0, 0)]
    [InlineData("12/1/25, 12:30 PM", 2025, 12, 1, 12, 30)]
    [InlineData("11/24/2025, 9:02 AM", 2025, 11, 24, 9, 2)]
    [InlineData("11/24/25, 9:02\u202FAM", 2025, 11, 24, 9, 2)]
    public async Task ReadAsync_SentAtFormats_ParseAsUtc(string sentAt, int year, int month, int day, int hour, int minute)
    {
        var text = $"{Header2024}\nAda Fenwick,Robin Example,\"{sentAt}\",,INCOMING,,\n";

        var items = await ReadTextAsync(text, "Invitations.csv", ImportFormat.LinkedInInvitations);

        items.Drafts().Single().SentAt.Should().Be(Utc(year, month, day, hour, minute));
    }

    [Fact]
    public async Task ReadAsync_WithTimeZone_ConvertsSentAtToUtc()
    {
        var text = $"{Header2024}\nAda Fenwick,Robin Example,\"11/24/25, 9:02 AM\",,INCOMING,,\n";
        var options = new ImportReaderOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome") };

        var items = await ReadTextAsync(text, "Invitations.csv", ImportFormat.LinkedInInvitations, options);

        items.Drafts().Single().SentAt.Should().Be(Utc(2025, 11, 24, 8, 2));
    }

    [Fact]
    public async Task ReadAsync_BadDateRow_RejectsThatRowWithFileLineAndFieldAndImportsTheRest()
    {
        var text = $"""
            {Header2024}
            Ada Fenwick,Robin Example,"11/24/25, 9:02 AM",,INCOMING,,
            Kim Ortega,Robin Example,"24.11.2025 09:40",,INCOMING,,
            Lee Marsh,Robin Example,"11/24/25, 10:31 AM",,INCOMING,,
            """;

        var items = await ReadTextAsync(text, "Invitations.csv", ImportFormat.LinkedInInvitations);

        items.Drafts().Select(d => d.SenderName).Should().Equal("Ada Fenwick", "Lee Marsh");
        var rejection = items.Rejections().Should().ContainSingle().Subject;
        rejection.Field.Should().Be("Sent At");
        rejection.Message.Should().StartWith("Invitations.csv:3: Sent At: '24.11.2025 09:40'");
    }

    [Fact]
    public async Task ReadAsync_TruncatedFile_RejectsTheCutRowAndKeepsTheOthers()
    {
        var text = $"{Header2024}\nAda Fenwick,Robin Example,\"11/24/25, 9:02 AM\",,INCOMING,,\nKim Ortega,Robin Example,\"11/24/25, 9:4";

        var items = await ReadTextAsync(text, "Invitations.csv", ImportFormat.LinkedInInvitations);

        items.Drafts().Should().ContainSingle().Which.SenderName.Should().Be("Ada Fenwick");
        items.Rejections().Should().ContainSingle().Which.Message.Should().StartWith("Invitations.csv:3: row has 3 fields");
    }

    [Fact]
    public async Task ReadAsync_UnknownDirection_RejectsRowNamingDirection()
    {
        var text = $"{Header2024}\nAda Fenwick,Robin Example,\"11/24/25, 9:02 AM\",,SIDEWAYS,,\n";

        var items = await ReadTextAsync(text, "Invitations.csv", ImportFormat.LinkedInInvitations);

        items.Rejections().Should().ContainSingle().Which.Message.Should().Be(
            "Invitations.csv:2: Direction: 'SIDEWAYS' is neither INCOMING nor OUTGOING");
    }

    [Fact]
    public async Task ReadAsync_ConnectionsFileClaimedAsInvitations_RejectsTheWholeFileBeforeYielding()
    {
        var yielded = 0;

        var act = async () =>
        {
            await foreach (var item in ImportReader.ReadAsync(SampleFiles.Path("linkedin-2024/Connections.csv"), ImportFormat.LinkedInInvitations))
            {
                yielded++;
            }
        };

        (await act.Should().ThrowAsync<IngestFormatException>()).Which.Reason.Should().Contain("not a LinkedIn Invitations.csv");
        yielded.Should().Be(0);
    }

    [Fact]
    public async Task ReadAsync_EndlessFile_YieldsRowsBeforeTheEndIsRead()
    {
        using var stream = new EndlessCsvStream(
            $"{Header2024}\n", i => $"Sender {i},Robin Example,\"11/24/25, 9:02 AM\",,INCOMING,,\n");

        var first = new List<IngestItem>();
        await foreach (var item in ImportReader.ReadAsync(stream, "Invitations.csv", ImportFormat.LinkedInInvitations))
        {
            first.Add(item);
            if (first.Count == 1000)
            {
                break;
            }
        }

        first.Drafts().Should().HaveCount(1000);
        first[^1].Origin.Number.Should().Be(1001);
    }

    /// <summary>An unseekable stream of rows that never ends; a reader that buffered the file would never return.</summary>
    private sealed class EndlessCsvStream(string header, Func<int, string> row) : Stream
    {
        private byte[] _pending = Encoding.UTF8.GetBytes(header);
        private int _offset;
        private int _next = 1;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_offset == _pending.Length)
            {
                _pending = Encoding.UTF8.GetBytes(row(_next++));
                _offset = 0;
            }

            var n = Math.Min(count, _pending.Length - _offset);
            Array.Copy(_pending, _offset, buffer, offset, n);
            _offset += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
