using System.Text.Json;

namespace InviteTriage.Web.Api;

/// <summary>
/// The body of <c>POST /api/invitations</c>: one draft object or an array of them. The JSON reader of the import takes
/// arrays only, so an object is wrapped in one; a body that is not JSON, or is JSON of another kind, is refused before
/// the import starts. The streams belong to the request, which disposes them.
/// </summary>
internal static class DraftBody
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static async Task<(Stream? Drafts, string? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // Buffered (to a temporary file when large) because the reader checks the whole array before it imports any of it.
        request.EnableBuffering();
        var body = request.Body;
        var (first, problem) = await FirstTokenAsync(body, cancellationToken);
        body.Position = 0;
        switch (first)
        {
            case JsonTokenType.StartArray:
                return (body, null);
            case JsonTokenType.StartObject:
                var wrapped = new MemoryStream();
                request.HttpContext.Response.RegisterForDispose(wrapped);
                wrapped.WriteByte((byte)'[');
                await body.CopyToAsync(wrapped, cancellationToken);
                // On a line of its own, so that a trailing // comment cannot swallow it.
                wrapped.Write("\n]"u8);
                wrapped.Position = 0;
                return (wrapped, null);
            case { } other:
                return (null, $"expected one draft (a JSON object) or an array of drafts, found {Describe(other)}.");
            default:
                return (null, problem);
        }
    }

    private static async Task<(JsonTokenType? First, string? Problem)> FirstTokenAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                // Only whitespace and comments come before the first token; there may be a lot of them.
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken);
            length += read;
            if (FirstToken(buffer.AsSpan(0, length), isFinal: read == 0) is { } found)
            {
                return found;
            }
        }
    }

    /// <summary>The first token or why there is none; null when more of the body is needed to tell.</summary>
    private static (JsonTokenType? First, string? Problem)? FirstToken(ReadOnlySpan<byte> data, bool isFinal)
    {
        var reader = new Utf8JsonReader(data, isFinal, new JsonReaderState(ReaderOptions));
        try
        {
            if (reader.Read())
            {
                return (reader.TokenType, null);
            }

            return isFinal ? (null, "the body is empty; send one draft (a JSON object) or an array of drafts.") : null;
        }
        catch (JsonException ex)
        {
            return (null, $"the body is not JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}); send one draft (a JSON object) or an array of drafts.");
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
