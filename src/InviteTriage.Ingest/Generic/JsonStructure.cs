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

    public static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The reason the stream is not a JSON array, or null when it is one.</summary>
    public static async Task<string?> FindErrorAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
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
                Error = $"malformed JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}";
            }

            _state = reader.CurrentState;
            return (int)reader.BytesConsumed;
        }
    }
}
