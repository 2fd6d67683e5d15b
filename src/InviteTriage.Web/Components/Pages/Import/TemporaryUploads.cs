using InviteTriage.Data.Imports;
using InviteTriage.Ingest;
using Microsoft.AspNetCore.Components.Forms;

namespace InviteTriage.Web.Components.Pages.Import;

/// <summary>
/// The files of one upload, copied from the browser into temporary files: the readers seek (to recognise the format,
/// to read a zip's directory) and a browser stream cannot. Disposing deletes the copies.
/// </summary>
internal sealed class TemporaryUploads : IAsyncDisposable
{
    private const int BufferSize = 64 * 1024;

    private readonly List<(string Name, FileStream Copy)> _files = [];

    private TemporaryUploads()
    {
    }

    /// <summary>
    /// Receives every file, reporting the bytes received so far. <paramref name="maxBytes"/> is the upload limit; Blazor
    /// refuses a larger file itself, so a file that grew after it was chosen fails with an <see cref="IOException"/>.
    /// </summary>
    public static async Task<TemporaryUploads> ReceiveAsync(
        IReadOnlyList<IBrowserFile> files, long maxBytes, IProgress<long> progress, CancellationToken cancellationToken)
    {
        var uploads = new TemporaryUploads();
        try
        {
            var buffer = new byte[BufferSize];
            long received = 0;
            foreach (var file in files)
            {
                var copy = uploads.Add(file.Name);
                await using var source = file.OpenReadStream(maxBytes, cancellationToken);
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    await copy.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    received += read;
                    progress.Report(received);
                }

                copy.Position = 0;
            }

            return uploads;
        }
        catch
        {
            await uploads.DisposeAsync();
            throw;
        }
    }

    /// <summary>The copies as import sources, named after the user's files so that messages read <c>Invitations.csv:12: …</c>.</summary>
    public IReadOnlyList<ImportSource> Sources(ImportFormat format) =>
        [.. _files.Select(file => ImportSource.FromStream(file.Copy, file.Name, format))];

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, copy) in _files)
        {
            await copy.DisposeAsync();
        }

        _files.Clear();
    }

    private FileStream Add(string name)
    {
        // A fresh name that no one else can have opened; the file goes when the stream is closed.
        var path = Path.Combine(Path.GetTempPath(), $"invitetriage-upload-{Guid.NewGuid():N}");
        var copy = new FileStream(
            path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BufferSize, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        _files.Add((name, copy));
        return copy;
    }
}
