namespace InviteTriage.Corpus;

/// <summary>A corpus file on disk for the length of one test.</summary>
public sealed class CorpusCopy(string path, string? temporaryFolder) : IDisposable
{
    public string Path { get; } = path;

    public string FileName => System.IO.Path.GetFileName(Path);

    public long Length => new FileInfo(Path).Length;

    public void Dispose()
    {
        if (temporaryFolder is not null && Directory.Exists(temporaryFolder))
        {
            Directory.Delete(temporaryFolder, recursive: true);
        }
    }
}
