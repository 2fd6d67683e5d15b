using InviteTriage.Ingest.Tests.TestSupport;
using static InviteTriage.Ingest.Tests.TestSupport.Import;

namespace InviteTriage.Ingest.Tests;

public sealed class ImportReaderTests
{
    [Theory]
    [InlineData("linkedin-2024/Invitations.csv", ImportFormat.LinkedInInvitations)]
    [InlineData("linkedin-2021/Invitations.csv", ImportFormat.LinkedInInvitations)]
    [InlineData("linkedin-2024/Connections.csv", ImportFormat.LinkedInConnections)]
    [InlineData("linkedin-2021/Connections.csv", ImportFormat.LinkedInConnections)]
    [InlineData("emails/invitation-current.eml", ImportFormat.Eml)]
    [InlineData("emails/invitation-2016.eml", ImportFormat.Eml)]
    [InlineData("emails/accepted.eml", ImportFormat.Eml)]
    [InlineData("emails/invitations.mbox", ImportFormat.Mbox)]
    [InlineData("generic/invitations.csv", ImportFormat.Csv)]
    [InlineData("generic/invitations.json", ImportFormat.Json)]
    public async Task DetectFormatAsync_Sample_RecognisesItsKindByContent(string sample, ImportFormat expected)
    {
        await using var stream = File.OpenRead(SampleFiles.Path(sample));

        var format = await ImportReader.DetectFormatAsync(stream, "upload.bin");

        format.Should().Be(expected);
        stream.Position.Should().Be(0);
    }

    [Theory]
    [InlineData("linkedin-2024/Invitations.csv", 6)]
    [InlineData("emails/invitations.mbox", 5)]
    [InlineData("generic/invitations.json", 4)]
    public async Task ReadAsync_AutoFromAnUnseekableStream_ReadsTheSample(string sample, int drafts)
    {
        using var stream = new UnseekableStream(SampleFiles.Bytes(sample));

        var items = await ReadAllAsync(ImportReader.ReadAsync(stream, sample, ImportFormat.Auto));

        items.Drafts().Should().HaveCount(drafts);
    }

    [Fact]
    public async Task ReadAsync_UnrecognisableContent_RejectsTheFileAskingForAFormat()
    {
        var act = () => ReadTextAsync("just some words\nand more\n", "notes.txt", ImportFormat.Auto);

        (await act.Should().ThrowAsync<IngestFormatException>()).Which.Message.Should().StartWith("notes.txt: the format is not recognised");
    }

    [Fact]
    public async Task ReadAsync_MissingFile_RejectsItAsUnopenable()
    {
        var act = () => ReadAllAsync(ImportReader.ReadAsync("/nonexistent/Invitations.csv", ImportFormat.Auto));

        (await act.Should().ThrowAsync<IngestFormatException>()).Which.Reason.Should().StartWith("cannot be opened");
    }

    [Theory]
    [InlineData("auto", ImportFormat.Auto)]
    [InlineData("linkedin-zip", ImportFormat.LinkedInZip)]
    [InlineData("linkedin-invitations", ImportFormat.LinkedInInvitations)]
    [InlineData("linkedin-connections", ImportFormat.LinkedInConnections)]
    [InlineData("eml", ImportFormat.Eml)]
    [InlineData("mbox", ImportFormat.Mbox)]
    [InlineData("csv", ImportFormat.Csv)]
    [InlineData("json", ImportFormat.Json)]
    public void ImportFormats_CliName_RoundTrips(string name, ImportFormat format)
    {
        var parsed = ImportFormats.TryParse(name, out var result);

        parsed.Should().BeTrue();
        result.Should().Be(format);
        ImportFormats.ToName(format).Should().Be(name);
    }

    [Fact]
    public void ImportFormats_UnknownName_IsNotParsed()
    {
        var parsed = ImportFormats.TryParse("xlsx", out _);

        parsed.Should().BeFalse();
    }

    private sealed class UnseekableStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    public async Task ReadAsync_AutoOnAUnicodeCsvWithItsByteOrderMark_RecognisesAndReadsIt(string encodingName)
    {
        var encoding = System.Text.Encoding.GetEncoding(encodingName);
        var text = "sender_name,sent_at\nZoë Ærø,2025-07-02T10:00:00Z\n";
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(text)).ToArray();

        var items = await ReadBytesAsync(bytes, "unicode.csv", ImportFormat.Auto);

        items.Drafts().Select(d => d.SenderName).Should().Equal("Zoë Ærø");
    }
}
