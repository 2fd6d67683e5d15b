using System.Text;
using InviteTriage.Ingest.Tests.TestSupport;

namespace InviteTriage.Ingest.Tests.Csv;

/// <summary>Files arrive in every encoding and line ending; each is read correctly or rejected clearly (issue 4).</summary>
public sealed class CsvTextTests
{
    private const string Header = "sender_name,sent_at,sender_company";

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public async Task ReadAsync_AnyLineEnding_ReadsEveryRow(string newline)
    {
        var text = string.Join(newline, Header, "Ann Lee,2025-11-24T09:00:00Z,Acme", "Bo Chen,2025-11-24T10:00:00Z,Acme") + newline;

        var items = await Import.ReadTextAsync(text, "drafts.csv", ImportFormat.Csv);

        items.Drafts().Select(d => d.SenderName).Should().Equal("Ann Lee", "Bo Chen");
        items.Rejections().Should().BeEmpty();
    }

    [Fact]
    public async Task ReadAsync_QuotedNameWithEmbeddedQuotes_KeepsTheQuotes()
    {
        var text = $"{Header}\n\"Robert \"\"Bob\"\" Smith\",2025-11-24T09:00:00Z,Acme\n";

        var items = await Import.ReadTextAsync(text, "drafts.csv", ImportFormat.Csv);

        items.Drafts().Should().ContainSingle().Which.SenderName.Should().Be("Robert \"Bob\" Smith");
    }

    public static TheoryData<string, byte[]> Encodings() => new()
    {
        { "UTF-8 with BOM", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Text)] },
        { "UTF-8 without BOM", Encoding.UTF8.GetBytes(Text) },
        { "UTF-16 LE with BOM", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Text)] },
        { "UTF-16 BE with BOM", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(Text)] },
        { "Latin-1", Encoding.Latin1.GetBytes(Text) },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task ReadAsync_EachEncoding_ReadsTheAccentsRight(string encoding, byte[] bytes)
    {
        var items = await Import.ReadBytesAsync(bytes, "drafts.csv", ImportFormat.Csv);

        items.Drafts().Should().ContainSingle(encoding).Which.SenderName.Should().Be("José Núñez");
    }

    [Fact]
    public async Task ReadAsync_Utf16WithoutBom_IsRejectedWholeSayingWhatWasExpected()
    {
        var bytes = Encoding.Unicode.GetBytes(Text);

        var read = () => Import.ReadBytesAsync(bytes, "drafts.csv", ImportFormat.Csv);

        (await read.Should().ThrowAsync<IngestFormatException>()).Which.Message.Should().Contain("drafts.csv").And.Contain("sender_name");
    }

    [Fact]
    public async Task ReadAsync_InvalidUtf8FarIntoTheFile_IsRejectedWholeInsteadOfCorruptingNames()
    {
        var rows = string.Concat(Enumerable.Range(0, 3000).Select(i => $"Sender {i},2025-11-24T09:00:00Z,Acme\n"));
        var bytes = Encoding.UTF8.GetBytes($"{Header}\n{rows}").Concat(new byte[] { 0x4A, 0x6F, 0x73, 0xE9, 0x2C }).Concat(Encoding.UTF8.GetBytes("2025-11-24T09:00:00Z,Acme\n")).ToArray();

        var read = () => Import.ReadBytesAsync(bytes, "drafts.csv", ImportFormat.Csv);

        (await read.Should().ThrowAsync<IngestFormatException>()).Which.Message.Should().Contain("UTF-8");
    }

    private static string Text => $"{Header}\nJosé Núñez,2025-11-24T09:00:00Z,Acme\n";
}
