using System.Text;
using System.Text.RegularExpressions;

namespace InviteTriage.Ingest;

/// <summary>Recognises a file's kind from its first bytes, for <see cref="ImportFormat.Auto"/>.</summary>
internal static partial class FormatSniffer
{
    private const int SniffBytes = 8 * 1024;

    /// <summary>The format, or null when nothing matched. Leaves a seekable stream where it was.</summary>
    public static async Task<ImportFormat?> DetectAsync(Stream stream, CancellationToken cancellationToken)
    {
        var start = stream.Position;
        var buffer = new byte[SniffBytes];
        var length = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken)
            .ConfigureAwait(false);
        stream.Position = start;
        return Detect(buffer.AsSpan(0, length));
    }

    internal static ImportFormat? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("PK\x03\x04"u8) || head.StartsWith("PK\x05\x06"u8))
        {
            return ImportFormat.LinkedInZip;
        }

        var text = Decode(head).TrimStart('\uFEFF');
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('[') || trimmed.StartsWith('{'))
        {
            return ImportFormat.Json;
        }

        if (trimmed.StartsWith("From ", StringComparison.Ordinal))
        {
            return ImportFormat.Mbox;
        }

        var lines = trimmed.Split('\n');
        var firstLine = lines[0].TrimEnd('\r');
        if (CsvFormat(firstLine) is { } csvFormat)
        {
            return csvFormat;
        }

        // Connections.csv may have a preamble before its header.
        foreach (var line in lines.Skip(1).Take(30))
        {
            if (IsConnectionsHeader(line))
            {
                return ImportFormat.LinkedInConnections;
            }
        }

        return MimeHeader().IsMatch(firstLine) ? ImportFormat.Eml : null;
    }

    /// <summary>
    /// The head as text. A UTF-16 or UTF-32 file (Excel's "Unicode text") says so with its byte-order mark, which the CSV
    /// reader honours, so the sniffer must too; everything else is looked at as UTF-8.
    /// </summary>
    private static string Decode(ReadOnlySpan<byte> head)
    {
        var encoding = head switch
        {
            [0xFF, 0xFE, 0x00, 0x00, ..] => Encoding.UTF32,
            [0xFF, 0xFE, ..] => Encoding.Unicode,
            [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode,
            _ => Encoding.UTF8,
        };
        return encoding.GetString(head);
    }

    /// <summary>A guess from the file name, for when the content says nothing.</summary>
    public static ImportFormat? FromExtension(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".zip" => ImportFormat.LinkedInZip,
        ".eml" => ImportFormat.Eml,
        ".mbox" or ".mbx" => ImportFormat.Mbox,
        ".json" => ImportFormat.Json,
        _ => null,
    };

    private static ImportFormat? CsvFormat(string line)
    {
        var names = line.Split(',').Select(n => n.Trim().Trim('"').Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (names.Contains("sender_name") && names.Contains("sent_at"))
        {
            return ImportFormat.Csv;
        }

        if (names.Contains("From") && names.Contains("Sent At") && names.Contains("Direction"))
        {
            return ImportFormat.LinkedInInvitations;
        }

        return IsConnectionsHeader(line) ? ImportFormat.LinkedInConnections : null;
    }

    private static bool IsConnectionsHeader(string line) =>
        line.Contains("First Name", StringComparison.OrdinalIgnoreCase)
        && line.Contains("Connected On", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9-]*:\s")]
    private static partial Regex MimeHeader();
}
