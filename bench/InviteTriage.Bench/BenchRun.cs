using System.Diagnostics;
using System.Globalization;

namespace InviteTriage.Bench;

/// <summary>
/// One run of the harness: its options and a work folder, with the generated files shared by the measures, so that
/// every measure of a run reads the same data.
/// </summary>
internal sealed class BenchRun(BenchOptions options, TextWriter log) : IDisposable
{
    private readonly Dictionary<(int Member, int Rows), string> _files = [];

    public BenchOptions Options => options;

    public TextWriter Log => log;

    public string Folder { get; } = CreateFolder(options.Work);

    /// <summary>The generic CSV of member <paramref name="member"/>; member 0 is the measured one, with the most rows.</summary>
    public string CsvOf(int member) => CsvOf(member, member == 0 ? options.Invitations : options.Others);

    /// <summary>Member <paramref name="member"/>'s file with <paramref name="rows"/> rows.</summary>
    public string CsvOf(int member, int rows)
    {
        if (_files.TryGetValue((member, rows), out var path))
        {
            return path;
        }

        path = Path.Combine(Folder, $"member{member}-{rows}.csv");
        var clock = Stopwatch.StartNew();
        new SyntheticCsv(options.Seed).Write(path, member, rows);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generated {rows:N0} rows for member {member} in {clock.Elapsed.TotalSeconds:0.0} s: {path} ({new FileInfo(path).Length / 1e6:0} MB)"));
        _files[(member, rows)] = path;
        return path;
    }

    public string PathOf(string name) => Path.Combine(Folder, name);

    public void Dispose()
    {
        if (!options.Keep && Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    private static string CreateFolder(string? work)
    {
        var folder = work ?? Path.Combine(Path.GetTempPath(), "invitetriage-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
