namespace InviteTriage.Ingest.Tests.TestSupport;

/// <summary>The sample files kept beside the tests, found from the output folder or, failing that, from the project folder.</summary>
internal static class SampleFiles
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string Path(string relative) => System.IO.Path.Combine(Root.Value, relative);

    public static byte[] Bytes(string relative) => File.ReadAllBytes(Path(relative));

    private static string FindRoot()
    {
        var copied = System.IO.Path.Combine(AppContext.BaseDirectory, "Samples");
        if (Directory.Exists(copied))
        {
            return copied;
        }

        // Until the project copies Samples/ to the output, walk up from bin/ to the project folder.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "Samples");
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "InviteTriage.Ingest.Tests.csproj")) && Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("The Samples folder of InviteTriage.Ingest.Tests was not found.");
    }
}
