using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using InviteTriage.Core.Invitations;
using InviteTriage.Core.Senders;

namespace InviteTriage.Ingest.Generic;

/// <summary>
/// A JSON array of camelCase drafts, streamed element by element. Each element is checked on its own, so a wrong type
/// rejects that element and names the field; malformed JSON rejects the file.
/// </summary>
internal static class JsonDraftReader
{
    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static async IAsyncEnumerable<IngestItem> ReadAsync(
        Stream stream,
        string file,
        ImportReaderOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (stream.CanSeek)
        {
            var start = stream.Position;
            if (await JsonStructure.FindErrorAsync(stream, cancellationToken).ConfigureAwait(false) is { } error)
            {
                throw new IngestFormatException(file, $"not a JSON array of drafts: {error}");
            }

            stream.Position = start;
        }

        var elements = JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(stream, SerializerOptions, cancellationToken);
        await using var enumerator = elements.GetAsyncEnumerator(cancellationToken);
        var index = 0;
        while (true)
        {
            try
            {
                if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    break;
                }
            }
            catch (JsonException ex)
            {
                // Only reachable for unseekable streams, which skip the first pass.
                throw new IngestFormatException(file, $"not a JSON array of drafts: malformed JSON at line {ex.LineNumber + 1}", ex);
            }

            index++;
            yield return ToItem(enumerator.Current, IngestOrigin.Element(file, index), options.TimeZone);
        }
    }

    private static IngestItem ToItem(JsonElement element, IngestOrigin origin, TimeZoneInfo? zone)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new IngestRejection(origin, null, $"expected an object, found {element.ValueKind}");
        }

        var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in element.EnumerateObject())
        {
            // A well-formed file can still hold text that is not text: invalid UTF-8 bytes, or an escaped lone surrogate
            // ("\ud800"). Only turning it into a string finds out, and then it rejects the element, not the whole import.
            if (!TryGetText(() => property.Name, out var propertyName) || propertyName is null)
            {
                return new IngestRejection(origin, null, "a property name is not valid text (invalid UTF-8 or a lone surrogate)");
            }

            switch (property.Value.ValueKind)
            {
                case JsonValueKind.String when TryGetText(property.Value.GetString, out var text):
                    fields[propertyName] = text;
                    break;
                case JsonValueKind.String:
                    return new IngestRejection(origin, propertyName, "is not valid text (invalid UTF-8 or a lone surrogate)");
                case JsonValueKind.Null:
                    fields[propertyName] = null;
                    break;
                case JsonValueKind.Number when propertyName.Equals("externalId", StringComparison.OrdinalIgnoreCase):
                    // Ids are often numeric in the tools that produce these files; the number's text is the id.
                    fields[propertyName] = property.Value.GetRawText();
                    break;
                default:
                    return new IngestRejection(
                        origin,
                        propertyName,
                        $"must be a string, found {property.Value.ValueKind.ToString().ToLower(CultureInfo.InvariantCulture)}");
            }
        }

        var name = Value(fields, "senderName");
        if (name is null)
        {
            return new IngestRejection(origin, "senderName", "is required");
        }

        var sentAtText = Value(fields, "sentAt");
        if (sentAtText is null)
        {
            return new IngestRejection(origin, "sentAt", "is required");
        }

        if (IsoTimestamps.ToUtc(sentAtText, zone) is not { } sentAt)
        {
            return new IngestRejection(origin, "sentAt", $"'{sentAtText}' is not an ISO 8601 time like {IsoTimestamps.Example}");
        }

        return new IngestDraft(new InvitationDraft
        {
            SenderName = name,
            SentAt = sentAt,
            SenderHeadline = Value(fields, "senderHeadline"),
            SenderCompany = Value(fields, "senderCompany"),
            SenderProfileUrl = ProfileUrl.Normalize(Value(fields, "senderProfileUrl")),
            Message = Value(fields, "message"),
            Network = Value(fields, "network")?.ToLowerInvariant() ?? Networks.LinkedIn,
            ExternalId = Value(fields, "externalId"),
            AcceptUrl = Value(fields, "acceptUrl"),
            Source = InvitationSource.Json,
            Origin = origin,
        });
    }

    private static bool TryGetText(Func<string?> read, out string? text)
    {
        try
        {
            text = read();
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }

    private static string? Value(Dictionary<string, string?> fields, string name) =>
        fields.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
