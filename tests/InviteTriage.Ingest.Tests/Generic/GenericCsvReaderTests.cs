using InviteTriage.Core.Invitations;
using static InviteTriage.Ingest.Tests.TestSupport.Import;

namespace InviteTriage.Ingest.Tests.Generic;

public sealed class GenericCsvReaderTests
{
    [Fact]
    public async Task ReadAsync_Sample_YieldsFiveDraftsWithEveryField()
    {
        var items = await ReadSampleAsync("generic/invitations.csv", ImportFormat.Csv);

        var drafts = items.Drafts();
        drafts.Select(d => d.SenderName).Should().Equal("Ada Fenwick", "Kim Ortega", "Lee Marsh", "Priya Raman", "Noor Haddad");
        items.Rejections().Should().BeEmpty();
        drafts[1].SenderCompany.Should().Be("Pellmore Rusk, LLP");
        drafts[2].Message.Should().Be("I'd like to add you to my professional network on LinkedIn.");
        drafts[3].Message.Should().Be("Hi Robin, we spoke after your talk at the data meetup. Would love to stay in touch.");
        drafts[0].SenderProfileUrl.Should().Be("https://www.linkedin.com/in/ada-fenwick-b2");
        drafts[0].SentAt.Should().Be(Utc(2025, 11, 24, 9, 2));
        drafts[0].ExternalId.Should().BeNull();
        drafts[0].Source.Should().Be(InvitationSource.Csv);
    }

    [Fact]
    public async Task ReadAsync_NonUtcOffsetAndOtherNetwork_ConvertsToUtcAndKeepsTheNetwork()
    {
        var items = await ReadSampleAsync("generic/invitations.csv", ImportFormat.Csv);

        var noor = items.Drafts().Single(d => d.SenderName == "Noor Haddad");
        noor.SentAt.Should().Be(Utc(2025, 11, 18, 15, 20));
        noor.SentAt.Kind.Should().Be(DateTimeKind.Utc);
        noor.Network.Should().Be("xing");
        noor.ExternalId.Should().Be("xg-88123");
        noor.SenderCompany.Should().Be("Quillstone Recruiting");
        noor.SenderHeadline.Should().BeNull();
        noor.Origin.Number.Should().Be(6);
    }

    [Fact]
    public async Task ReadAsync_ColumnsInAnyOrderWithoutOptionalOnes_DefaultsTheNetwork()
    {
        var text = "sent_at,sender_name\n2025-11-24T09:02:00,Ada Fenwick\n";

        var items = await ReadTextAsync(text, "drafts.csv", ImportFormat.Csv);

        var draft = items.Drafts().Should().ContainSingle().Subject;
        draft.SenderName.Should().Be("Ada Fenwick");
        draft.SentAt.Should().Be(Utc(2025, 11, 24, 9, 2));
        draft.Network.Should().Be("linkedin");
    }

    [Theory]
    [InlineData("2025-11-24T09:02:00Z", 9, 2)]
    [InlineData("2025-11-24T10:02:00+01:00", 9, 2)]
    [InlineData("2025-11-24T04:02:00.123-05:00", 9, 2)]
    [InlineData("2025-11-24 09:02", 9, 2)]
    [InlineData("2025-11-24T09:02Z", 9, 2)]
    public async Task ReadAsync_IsoTimestamps_ConvertToUtc(string sentAt, int hour, int minute)
    {
        var text = $"sender_name,sent_at\nAda Fenwick,{sentAt}\n";

        var items = await ReadTextAsync(text, "drafts.csv", ImportFormat.Csv);

        var draft = items.Drafts().Single();
        new DateTime(draft.SentAt.Year, draft.SentAt.Month, draft.SentAt.Day, draft.SentAt.Hour, draft.SentAt.Minute, 0, DateTimeKind.Utc)
            .Should().Be(Utc(2025, 11, 24, hour, minute));
    }

    [Fact]
    public async Task ReadAsync_MissingOrBadRequiredValues_RejectsThoseRowsNamingTheField()
    {
        var text = """
            sender_name,sent_at,network
            Ada Fenwick,2025-11-24T09:02:00Z,linkedin
            ,2025-11-24T09:40:00Z,linkedin
            Lee Marsh,,linkedin
            Dana Quill,24/11/2025,linkedin
            """;

        var items = await ReadTextAsync(text, "drafts.csv", ImportFormat.Csv);

        items.Drafts().Should().ContainSingle();
        items.Rejections().Select(r => r.Message).Should().Equal(
            "drafts.csv:3: sender_name: is required",
            "drafts.csv:4: sent_at: is required",
            "drafts.csv:5: sent_at: '24/11/2025' is not an ISO 8601 time like 2025-11-24T09:02:00Z");
    }

    [Fact]
    public async Task ReadAsync_LinkedInFileClaimedAsGenericCsv_RejectsTheWholeFile()
    {
        var act = () => ReadSampleAsync("linkedin-2024/Invitations.csv", ImportFormat.Csv);

        (await act.Should().ThrowAsync<IngestFormatException>()).Which.Reason.Should().Contain("lacks the column(s) sender_name, sent_at");
    }
}
