using System.Diagnostics;
using System.Globalization;

namespace InviteTriage.Bench;

/// <summary>
/// One run of the harness: its options, a work folder with the generated files shared by the measures, so that every
/// measure of a run reads the same data, and the database engine its stores are on.
/// </summary>
internal sealed class BenchRun : IAsyncDisposable
{
    private readonly Dictionary<(int Member, int Rows), string> _files = [];
    private readonly BenchOptions _options;
    private readonly TextWriter _log;

    public BenchRun(BenchOptions options, TextWriter log)
    {
        (_options, _log) = (options, log);
        Folder = CreateFolder(options.Work);
        Engine = BenchEngine.For(options, Folder, log);
    }

    public BenchOptions Options => _options;

    public TextWriter Log => _log;

    public string Folder { get; }

    public BenchEngine Engine { get; }

    /// <summary>The generic CSV of member <paramref name="member"/>; member 0 is the measured one, with the most rows.</summary>
    public string CsvOf(int member) => CsvOf(member, member == 0 ? _options.Invitations : _options.Others);

    /// <summary>Member <paramref name="member"/>'s file with <paramref name="rows"/> rows.</summary>
    public string CsvOf(int member, int rows)
    {
        if (_files.TryGetValue((member, rows), out var path))
        {
            return path;
        }

        path = Path.Combine(Folder, $"member{member}-{rows}.csv");
        var clock = Stopwatch.StartNew();
        new SyntheticCsv(_options.Seed).Write(path, member, rows);
        _log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generated {rows:N0} rows for member {member} in {clock.Elapsed.TotalSeconds:0.0} s: {path} ({new FileInfo(path).Length / 1e6:0} MB)"));
        _files[(member, rows)] = path;
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        if (!_options.Keep && Directory.Exists(Folder))
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
