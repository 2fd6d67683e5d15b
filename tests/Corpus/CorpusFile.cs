namespace InviteTriage.Corpus;

/// <summary>
/// One file of the hostile corpus: committed under <c>Files/&lt;outcome&gt;/</c>, or generated at test time when it is large
/// or binary (zip bombs, 10 MB fields), so that the repository stays small.
/// </summary>
public sealed record CorpusFile(string Name, CorpusOutcome Expected, Func<Stream, Task>? Generate = null)
{
    /// <summary>The name the file has on disk, and so in every message about it.</summary>
    public string FileName => Path.GetFileName(Name);

    public bool IsGenerated => Generate is not null;

    /// <summary>The file on disk: the committed copy in the output folder, or a generated one that disposing deletes.</summary>
    public async Task<CorpusCopy> MaterializeAsync()
    {
        if (Generate is null)
        {
            return new CorpusCopy(Path.Combine(AppContext.BaseDirectory, "Corpus", Name), temporaryFolder: null);
        }

        var folder = Path.Combine(Path.GetTempPath(), "invitetriage-corpus", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        var file = File.Create(path);
        await using (file.ConfigureAwait(false))
        {
            await Generate(file).ConfigureAwait(false);
        }

        return new CorpusCopy(path, folder);
    }

    public override string ToString() => Name;
}
