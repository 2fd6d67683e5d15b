using System.Text;

namespace InviteTriage.Ingest.Tests.TestSupport;

internal static class Import
{
    public static async Task<List<IngestItem>> ReadSampleAsync(string relative, ImportFormat format, ImportReaderOptions? options = null) =>
        await ReadAllAsync(ImportReader.ReadAsync(SampleFiles.Path(relative), format, options));

    public static async Task<List<IngestItem>> ReadTextAsync(string text, string name, ImportFormat format, ImportReaderOptions? options = null) =>
        await ReadBytesAsync(Encoding.UTF8.GetBytes(text), name, format, options);

    public static async Task<List<IngestItem>> ReadBytesAsync(byte[] bytes, string name, ImportFormat format, ImportReaderOptions? options = null)
    {
        using var stream = new MemoryStream(bytes);
        return await ReadAllAsync(ImportReader.ReadAsync(stream, name, format, options));
    }

    public static async Task<List<IngestItem>> ReadAllAsync(IAsyncEnumerable<IngestItem> items)
    {
        var list = new List<IngestItem>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    public static List<InvitationDraft> Drafts(this IEnumerable<IngestItem> items) =>
        items.OfType<IngestDraft>().Select(d => d.Draft).ToList();

    public static List<KnownContactDraft> Contacts(this IEnumerable<IngestItem> items) =>
        items.OfType<IngestContact>().Select(c => c.Contact).ToList();

    public static List<IngestSkip> Skips(this IEnumerable<IngestItem> items, SkipKind kind) =>
        items.OfType<IngestSkip>().Where(s => s.Kind == kind).ToList();

    public static List<IngestRejection> Rejections(this IEnumerable<IngestItem> items) =>
        items.OfType<IngestRejection>().ToList();

    public static DateTime Utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, DateTimeKind.Utc);
}
