using System.Text;
using System.Text.Unicode;

namespace InviteTriage.Ingest.Csv;

/// <summary>
/// Opens a CSV as text in the encoding it really has. A byte-order mark decides (UTF-8, UTF-16, UTF-32). Without one,
/// the file is UTF-8 if its first 64 KB are valid UTF-8, and Latin-1 otherwise: Excel on Windows re-saves exports
/// that way, and reading them as UTF-8 would quietly turn "é" into "�". UTF-8 is decoded strictly, so an invalid
/// byte further in rejects the file with a clear message instead of corrupting names.
/// </summary>
internal static class CsvText
{
    private const int SniffBytes = 64 * 1024;

    public static async Task<StreamReader> OpenAsync(Stream stream, bool leaveOpen, CancellationToken cancellationToken)
    {
        var prefix = new byte[SniffBytes];
        var length = 0;
        while (length < prefix.Length)
        {
            var read = await stream.ReadAsync(prefix.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        var head = prefix.AsSpan(0, length);
        var encoding = HasByteOrderMark(head) || IsUtf8(head, complete: length < prefix.Length)
            ? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true)
            : Encoding.Latin1;
        var text = new PrefixedStream(prefix, length, stream, leaveOpen);
        return new StreamReader(text, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: false);
    }

    private static bool HasByteOrderMark(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]);

    private static bool IsUtf8(ReadOnlySpan<byte> head, bool complete)
    {
        if (Utf8.IsValid(head))
        {
            return true;
        }

        // The sniffed block may end inside a multi-byte character; that alone is not a reason to doubt the file.
        for (var cut = 1; !complete && cut <= 3 && cut < head.Length; cut++)
        {
            if (Utf8.IsValid(head[..^cut]))
            {
                return true;
            }
        }

        return false;
    }
}
