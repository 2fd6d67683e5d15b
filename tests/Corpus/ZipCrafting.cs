using System.Buffers.Binary;
using System.IO.Compression;

namespace InviteTriage.Corpus;

/// <summary>Writes zips, then damages their headers where a test needs an archive no well-behaved tool would write.</summary>
internal static class ZipCrafting
{
    private static ReadOnlySpan<byte> LocalHeader => "PK\x03\x04"u8;
    private static ReadOnlySpan<byte> CentralHeader => "PK\x01\x02"u8;

    public static byte[] Create(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = archive.CreateEntry(name, CompressionLevel.Optimal).Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }

    public static Task WriteAsync(Stream stream, params (string Name, byte[] Content)[] entries) =>
        stream.WriteAsync(Create(entries)).AsTask();

    public static Task WriteTruncatedAsync(Stream stream, params (string Name, byte[] Content)[] entries)
    {
        var zip = Create(entries);
        return stream.WriteAsync(zip.AsMemory(0, zip.Length / 2)).AsTask();
    }

    /// <summary>One entry whose local and central headers both claim it expands to only <paramref name="declaredSize"/> bytes.</summary>
    public static Task WriteLyingSizeAsync(Stream stream, string name, byte[] content, uint declaredSize)
    {
        var zip = Create((name, content));
        Patch(zip, LocalHeader, 22, span => BinaryPrimitives.WriteUInt32LittleEndian(span, declaredSize));
        Patch(zip, CentralHeader, 24, span => BinaryPrimitives.WriteUInt32LittleEndian(span, declaredSize));
        return stream.WriteAsync(zip).AsTask();
    }

    public static Task WritePatchedAsync(Stream stream, (string Name, byte[] Content) entry, ZipPatch patch)
    {
        var zip = Create(entry);
        switch (patch)
        {
            case ZipPatch.EncryptedFlag:
                Patch(zip, LocalHeader, 6, span => span[0] |= 1);
                Patch(zip, CentralHeader, 8, span => span[0] |= 1);
                break;
            case ZipPatch.UnknownMethod:
                Patch(zip, LocalHeader, 8, span => BinaryPrimitives.WriteUInt16LittleEndian(span, 99));
                Patch(zip, CentralHeader, 10, span => BinaryPrimitives.WriteUInt16LittleEndian(span, 99));
                break;
            case ZipPatch.WrongCrc:
                Patch(zip, LocalHeader, 14, span => span[0] ^= 0xFF);
                Patch(zip, CentralHeader, 16, span => span[0] ^= 0xFF);
                break;
        }

        return stream.WriteAsync(zip).AsTask();
    }

    /// <summary>Changes the field at <paramref name="offset"/> of every header that starts with <paramref name="signature"/>.</summary>
    private static void Patch(byte[] zip, ReadOnlySpan<byte> signature, int offset, SpanAction change)
    {
        for (var at = zip.AsSpan().IndexOf(signature); at >= 0;)
        {
            change(zip.AsSpan(at + offset));
            var next = zip.AsSpan(at + signature.Length).IndexOf(signature);
            at = next < 0 ? -1 : at + signature.Length + next;
        }
    }

    private delegate void SpanAction(Span<byte> span);
}
