using System.Text;
using InviteTriage.Ingest.Tests.TestSupport;
using static InviteTriage.Ingest.Tests.TestSupport.Import;

namespace InviteTriage.Ingest.Tests.LinkedIn;

public sealed class LinkedInExportZipReaderTests
{
    private static byte[] Export2024() => Zips.Create(
        ("Basic_LinkedInDataExport_11-25-2025/invitations.CSV", SampleFiles.Bytes("linkedin-2024/Invitations.csv")),
        ("Basic_LinkedInDataExport_11-25-2025/Connections.csv", SampleFiles.Bytes("linkedin-2024/Connections.csv")),
        ("Basic_LinkedInDataExport_11-25-2025/Profile.csv", "First Name,Last Name\nRobin,Example\n"u8.ToArray()));

    [Fact]
    public async Task ReadAsync_ExportUnderAnyName_ReadsContactsThenInvitationsFromTheEntries()
    {
        var items = await ReadBytesAsync(Export2024(), "my-export.zip", ImportFormat.LinkedInZip);

        items.Contacts().Should().HaveCount(4);
        items.Drafts().Should().HaveCount(6);
        items.Skips(SkipKind.Outgoing).Should().HaveCount(2);
        items.Skips(SkipKind.HiddenMember).Should().HaveCount(1);
        items.FindLastIndex(i => i is IngestContact).Should().BeLessThan(items.FindIndex(i => i is IngestDraft));
        items.Drafts()[0].Origin.ToString().Should().Be("my-export.zip/Basic_LinkedInDataExport_11-25-2025/invitations.CSV:4");
    }

    [Fact]
    public async Task ReadAsync_AutoFormat_RecognisesTheZipByItsMagic()
    {
        var items = await ReadBytesAsync(Export2024(), "upload.bin", ImportFormat.Auto);

        items.Drafts().Should().HaveCount(6);
    }

    [Fact]
    public async Task ReadAsync_EntryWithTraversalName_RejectsTheArchive()
    {
        var zip = Zips.Create(
            ("Invitations.csv", SampleFiles.Bytes("linkedin-2021/Invitations.csv")),
            ("../../etc/evil.csv", "x"u8.ToArray()));

        var act = () => ReadBytesAsync(zip, "export.zip", ImportFormat.LinkedInZip);

        (await act.Should().ThrowAsync<IngestFormatException>()).Which.Reason.Should().Contain("'../../etc/evil.csv' has an unsafe path");
    }

    [Fact]
    public async Task ReadAsync_HighlyCompressedEntry_RejectsTheArchiveAsAZipBomb()
    {
        var bomb = new byte[4 * 1024 * 1024];
        Encoding.UTF8.GetBytes("From,To,Sent At,Message,Direction\n").CopyTo(bomb, 0);
        var zip = Zips.Create(("Invitations.csv", bomb));

        var act = () => ReadBytesAsync(zip, "export.zip", ImportFormat.LinkedInZip);

        (await act.Should().ThrowAsync<IngestFormatException>()).Which.Reason.Should().Contain("zip bomb");
    }

    [Fact]
    public async Task ReadAsync_EntryLargerThanTheCap_RejectsTheArchive()
    {
        var options = new ImportReaderOptions { MaxZipEntryBytes = 100 };

        var act = () => ReadBytesAsync(Export2024(), "export.zip", ImportFormat.LinkedInZip, options);

        (await act.Should().ThrowAsync<IngestFormatException>()).Which.Reason.Should().Contain("more than the 100 allowed");
    }

    [Fact]
    public async Task ReadAsync_ZipWithoutLinkedInFiles_RejectsTheArchive()
    {
        var zip = Zips.Create(("Profile.csv", "First Name\nRobin\n"u8.ToArray()));

        var act = () => ReadBytesAsync(zip, "export.zip", ImportFormat.LinkedInZip);

        (await act.Should().ThrowAsync<IngestFormatException>()).Which.Reason.Should().Contain("neither Invitations.csv nor Connections.csv");
    }

    [Fact]
    public async Task ReadAsync_OneEntryOfTheWrongKind_RejectsTheArchiveBeforeYieldingAnything()
    {
        var zip = Zips.Create(
            ("Invitations.csv", SampleFiles.Bytes("linkedin-2024/Invitations.csv")),
            ("Connections.csv", SampleFiles.Bytes("generic/invitations.csv")));
        var yielded = 0;

        var act = async () =>
        {
            using var stream = new MemoryStream(zip);
            await foreach (var item in ImportReader.ReadAsync(stream, "export.zip", ImportFormat.LinkedInZip))
            {
                yielded++;
            }
        };

        (await act.Should().ThrowAsync<IngestFormatException>()).Which.File.Should().Be("export.zip/Connections.csv");
        yielded.Should().Be(0);
    }

    [Fact]
    public async Task ReadAsync_NotAZip_RejectsTheFile()
    {
        var act = () => ReadSampleAsync("linkedin-2024/Invitations.csv", ImportFormat.LinkedInZip);

        (await act.Should().ThrowAsync<IngestFormatException>()).Which.Reason.Should().Contain("not a readable zip archive");
    }

    [Theory]
    [InlineData(14, "does not match the size and checksum")]
    [InlineData(6, "is encrypted")]
    public async Task ReadAsync_DamagedOrEncryptedEntry_RejectsTheArchive(int localHeaderField, string reason)
    {
        var zip = Zips.Create(("Invitations.csv", SampleFiles.Bytes("linkedin-2021/Invitations.csv")));
        Damage(zip, localHeaderField, centralHeaderField: localHeaderField + 2);

        var act = () => ReadBytesAsync(zip, "export.zip", ImportFormat.LinkedInZip);

        (await act.Should().ThrowAsync<IngestFormatException>()).Which.Reason.Should().Contain(reason);
    }

    [Fact]
    public async Task ReadAsync_EntrySmallerThanItsDataInflatesTo_RejectsTheArchive()
    {
        var zip = Zips.Create(("Invitations.csv", SampleFiles.Bytes("linkedin-2021/Invitations.csv")));
        SetDeclaredSize(zip, 100);

        var act = () => ReadBytesAsync(zip, "export.zip", ImportFormat.LinkedInZip);

        await act.Should().ThrowAsync<IngestFormatException>();
    }

    [Fact]
    public async Task ReadAsync_EntryWhoseCompressedDataIsDamaged_RejectsTheArchive()
    {
        var zip = Zips.Create(("Invitations.csv", SampleFiles.Bytes("linkedin-2021/Invitations.csv")));
        var local = zip.AsSpan().IndexOf("PK\x03\x04"u8);
        var data = local + 30 + System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(local + 26))
            + System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(local + 28));
        zip[data] = 0xFF; // a final deflate block of the reserved type 3

        var act = () => ReadBytesAsync(zip, "export.zip", ImportFormat.LinkedInZip);

        (await act.Should().ThrowAsync<IngestFormatException>()).Which.Reason.Should().Contain("cannot be read");
    }

    /// <summary>Flips the low byte of a field in the entry's local header (CRC at 14, flags at 6) and in its central one.</summary>
    private static void Damage(byte[] zip, int localHeaderField, int centralHeaderField)
    {
        var local = zip.AsSpan().IndexOf("PK\x03\x04"u8);
        var central = zip.AsSpan().IndexOf("PK\x01\x02"u8);
        var flip = localHeaderField == 6 ? (byte)1 : (byte)0xFF;
        zip[local + localHeaderField] ^= flip;
        zip[central + centralHeaderField] ^= flip;
    }

    private static void SetDeclaredSize(byte[] zip, uint size)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(zip.AsSpan().IndexOf("PK\x03\x04"u8) + 22), size);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(zip.AsSpan().IndexOf("PK\x01\x02"u8) + 24), size);
    }
}
