using InviteTriage.Core.Invitations;
using static InviteTriage.Ingest.Tests.TestSupport.Import;

namespace InviteTriage.Ingest.Tests.Generic;

public sealed class JsonDraftReaderTests
{
    [Fact]
    public async Task ReadAsync_Sample_YieldsFourDrafts()
    {
        var items = await ReadSampleAsync("generic/invitations.json", ImportFormat.Json);

        var drafts = items.Drafts();
        drafts.Select(d => d.SenderName).Should().Equal("Ada Fenwick", "Kim Ortega", "Lee Marsh", "Noor Haddad");
        items.Rejections().Should().BeEmpty();
        drafts[0].SenderHeadline.Should().Be("Staff Accountant at Pellmore Rusk LLP");
        drafts[0].SenderProfileUrl.Should().Be("https://www.linkedin.com/in/ada-fenwick-b2");
        drafts[1].SenderCompany.Should().Be("Pellmore Rusk, LLP");
        drafts[2].Message.Should().Be("I'd like to add you to my professional network on LinkedIn.");
        drafts[2].Origin.ToString().Should().EndWith("invitations.json:element 3");
        drafts.Should().OnlyContain(d => d.Source == InvitationSource.Json);
    }

    [Fact]
    public async Task ReadAsync_NonUtcOffset_ConvertsToUtc()
    {
        var items = await ReadSampleAsync("generic/invitations.json", ImportFormat.Json);

        var noor = items.Drafts()[3];
        noor.SentAt.Should().Be(Utc(2025, 11, 18, 15, 20));
        noor.Network.Should().Be("xing");
        noor.ExternalId.Should().Be("xg-88123");
    }

    [Fact]
    public async Task ReadAsync_WrongTypesAndMissingFields_RejectsThoseElementsAndKeepsTheRest()
    {
        var json = """
            [
              {"senderName": "Ada Fenwick", "sentAt": "2025-11-24T09:02:00Z"},
              {"senderName": "Kim Ortega", "sentAt": 20251124},
              {"sentAt": "2025-11-24T09:40:00Z"},
              {"senderName": "Lee Marsh", "sentAt": "2025-11-24T10:31:00Z", "senderCompany": ["Pellmore"]},
              "Dana Quill",
              {"senderName": "Priya Raman", "sentAt": "soon"},
              {"senderName": "Noor Haddad", "sentAt": "2025-11-18T16:20:00+01:00", "externalId": 88123}
            ]
            """;

        var items = await ReadTextAsync(json, "drafts.json", ImportFormat.Json);

        items.Drafts().Select(d => d.SenderName).Should().Equal("Ada Fenwick", "Noor Haddad");
        items.Drafts()[1].ExternalId.Should().Be("88123");
        items.Rejections().Select(r => r.Message).Should().Equal(
            "drafts.json:element 2: sentAt: must be a string, found number",
            "drafts.json:element 3: senderName: is required",
            "drafts.json:element 4: senderCompany: must be a string, found array",
            "drafts.json:element 5: expected an object, found String",
            "drafts.json:element 6: sentAt: 'soon' is not an ISO 8601 time like 2025-11-24T09:02:00Z");
    }

    [Theory]
    [InlineData("[{\"senderName\": \"Ada\", \"sentAt\": \"2025-11-24T09:02:00Z\"}, {\"senderName\": ")]
    [InlineData("[{\"senderName\": \"Ada\", \"sentAt\": \"2025-11-24T09:02:00Z\"}] trailing")]
    [InlineData("{\"senderName\": \"Ada\", \"sentAt\": \"2025-11-24T09:02:00Z\"}")]
    [InlineData("")]
    public async Task ReadAsync_MalformedJson_RejectsTheWholeFileBeforeYielding(string json)
    {
        var yielded = 0;

        var act = async () =>
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
            await foreach (var item in ImportReader.ReadAsync(stream, "drafts.json", ImportFormat.Json))
            {
                yielded++;
            }
        };

        (await act.Should().ThrowAsync<IngestFormatException>()).Which.Reason.Should().StartWith("not a JSON array of drafts");
        yielded.Should().Be(0);
    }

    [Fact]
    public async Task ReadAsync_TextThatIsNotText_RejectsThatElementNamingTheField()
    {
        var bytes = "[{\"senderName\": \"Lone \\ud800 Surrogate\", \"sentAt\": \"2025-11-24T09:02:00Z\"},\n {\"senderName\": \"Bad "u8.ToArray()
            .Concat(new byte[] { 0xC3, 0x28 })
            .Concat(" Bytes\", \"sentAt\": \"2025-11-24T09:03:00Z\"},\n {\"senderName\": \"Ida Sommer\", \"sentAt\": \"2025-11-24T09:04:00Z\"}]"u8.ToArray())
            .ToArray();

        var items = await ReadBytesAsync(bytes, "drafts.json", ImportFormat.Json);

        items.Drafts().Select(d => d.SenderName).Should().Equal("Ida Sommer");
        items.Rejections().Select(r => r.Message).Should().Equal(
            "drafts.json:element 1: senderName: is not valid text (invalid UTF-8 or a lone surrogate)",
            "drafts.json:element 2: senderName: is not valid text (invalid UTF-8 or a lone surrogate)");
    }

    [Theory]
    [InlineData(70, "nested more than 64 levels deep")]
    [InlineData(1, "malformed JSON")]
    public async Task ReadAsync_TooDeepOrBroken_RejectsTheFileSayingWhy(int depth, string reason)
    {
        var json = "[" + new string('[', depth) + (depth == 1 ? "," : "") + new string(']', depth) + "]";

        var act = () => ReadTextAsync(json, "deep.json", ImportFormat.Json);

        (await act.Should().ThrowAsync<IngestFormatException>()).Which.Reason.Should().Contain(reason);
    }

    [Fact]
    public async Task ReadAsync_Utf16File_AsksForUtf8()
    {
        var bytes = System.Text.Encoding.Unicode.GetPreamble().Concat(System.Text.Encoding.Unicode.GetBytes("[]")).ToArray();

        var act = () => ReadBytesAsync(bytes, "drafts.json", ImportFormat.Json);

        (await act.Should().ThrowAsync<IngestFormatException>()).Which.Reason.Should().Contain("UTF-16; save it again as UTF-8");
    }
}
