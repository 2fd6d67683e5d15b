using System.Buffers;
using System.Text;
using System.Text.Json;
using InviteTriage.Data;

namespace InviteTriage.Cli;

/// <summary>
/// The <c>--json</c> output: one JSON array in the API's shapes (<see cref="TriageJson.Options"/>), written page by
/// page so that a large store is never held in memory at once.
/// </summary>
internal static class JsonOutput
{
    public static Task WriteArrayAsync<T>(TextWriter output, IReadOnlyList<T> items) =>
        output.WriteLineAsync(JsonSerializer.Serialize(items, TriageJson.Options));

    public static async Task WriteArrayAsync<T>(TextWriter output, IAsyncEnumerable<IReadOnlyList<T>> pages, CancellationToken cancellationToken)
    {
        var options = TriageJson.Options;
        var buffer = new ArrayBufferWriter<byte>();
        await using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = options.WriteIndented, Encoder = options.Encoder });

        writer.WriteStartArray();
        await foreach (var page in pages.WithCancellation(cancellationToken))
        {
            foreach (var item in page)
            {
                JsonSerializer.Serialize(writer, item, options);
            }

            await FlushAsync(writer, buffer, output, cancellationToken);
        }

        writer.WriteEndArray();
        await FlushAsync(writer, buffer, output, cancellationToken);
        await output.WriteLineAsync();
    }

    private static async Task FlushAsync(Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer, TextWriter output, CancellationToken cancellationToken)
    {
        await writer.FlushAsync(cancellationToken);
        await output.WriteAsync(Encoding.UTF8.GetString(buffer.WrittenSpan));
        buffer.ResetWrittenCount();
    }
}
