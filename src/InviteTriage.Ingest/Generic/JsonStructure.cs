using System.Buffers;
using System.Text.Json;

namespace InviteTriage.Ingest.Generic;

/// <summary>
/// A first pass over a JSON file that checks it is one well-formed array without holding it in memory, so that a
/// malformed file is rejected before any element of it is yielded.
/// </summary>
internal static class JsonStructure
{
    private const int ChunkSize = 64 * 1024;

    // System.Text.Json's default, named so that the message can say it.
    private const int MaxDepth = 64;

    public static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = MaxDepth,
    };

    /// <summary>The reason the stream is not a JSON array, or null when it is one.</summary>
    public static async Task<string?> FindErrorAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            // JSON travels as UTF-8 (RFC 8259); a UTF-16 file would otherwise be "malformed at byte 1", which helps no one.
            var start = stream.Position;
            var head = await stream.ReadAtLeastAsync(buffer.AsMemory(0, 2), 2, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            stream.Position = start;
            if (head == 2 && (buffer[0], buffer[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
            {
                return "the file is UTF-16; save it again as UTF-8";
            }

            var scan = new Scan(new JsonReaderState(ReaderOptions));
            var pending = 0;
            while (true)
            {
                if (pending == buffer.Length)
                {
                    // One token (a long string) is larger than the buffer; grow it rather than fail.
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, pending).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(pending), cancellationToken).ConfigureAwait(false);
                var isFinal = read == 0;
                var length = pending + read;
                var consumed = scan.Advance(buffer.AsSpan(0, length), isFinal);
                if (scan.Error is not null || isFinal)
                {
                    return scan.Error ?? (scan.SawRoot ? null : "the file is empty");
                }

                pending = length - consumed;
                buffer.AsSpan(consumed, pending).CopyTo(buffer);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private sealed class Scan(JsonReaderState state)
    {
        private JsonReaderState _state = state;

        public bool SawRoot { get; private set; }
        public string? Error { get; private set; }

        public int Advance(ReadOnlySpan<byte> data, bool isFinal)
        {
            var reader = new Utf8JsonReader(data, isFinal, _state);
            try
            {
                while (reader.Read())
                {
                    if (!SawRoot)
                    {
                        SawRoot = true;
                        if (reader.TokenType != JsonTokenType.StartArray)
                        {
                            Error = $"expected a JSON array of drafts, found {reader.TokenType}";
                            return (int)reader.BytesConsumed;
                        }
                    }
                }
            }
            catch (JsonException ex)
            {
                Error = reader.CurrentDepth >= MaxDepth - 1
                    ? $"nested more than {MaxDepth} levels deep at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}"
                    : $"malformed JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}";
            }

            _state = reader.CurrentState;
            return (int)reader.BytesConsumed;
        }
    }
}
