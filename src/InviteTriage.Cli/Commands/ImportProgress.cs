using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using InviteTriage.Data.Imports;
using InviteTriage.Ingest;

namespace InviteTriage.Cli.Commands;

/// <summary>
/// An import's progress, on stderr so that stdout stays parseable. On a terminal it is a bar redrawn in place,
/// measured in bytes read across all the files; when stderr is redirected it is plain lines: one per file, and one
/// per batch of rows the import reports. The import reads on one thread and writes on another, and both report
/// here, so everything that touches the console holds one lock.
/// </summary>
internal sealed class ImportProgress : IProgress<int>
{
    private const int BarWidth = 30;
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);

    private readonly CliConsole _console;
    private readonly IReadOnlyList<string> _paths;
    private readonly long _totalBytes;
    private readonly Stopwatch _sinceDraw = new();
    private readonly Lock _drawing = new();
    private long _finishedBytes;
    private long _readBytes;
    private int _fileNumber;
    private int _rowsRead;
    private int _rowsPrinted = -1;
    private int _drawnWidth;

    public ImportProgress(CliConsole console, IReadOnlyList<string> paths)
    {
        _console = console;
        _paths = paths;
        _totalBytes = paths.Sum(SizeOf);
    }

    /// <summary>The file as an import source that reports how far it has been read.</summary>
    public ImportSource Source(string path, ImportFormat format, ImportReaderOptions? options = null) =>
        new(path, cancellationToken => ReadAsync(path, format, options, cancellationToken));

    /// <summary>The import's count of rows (or messages, or elements) read so far, from all files; it reports once per batch written.</summary>
    public void Report(int value)
    {
        lock (_drawing)
        {
            _rowsRead = Math.Max(_rowsRead, value);
            if (_console.ErrorIsTerminal)
            {
                Draw();
            }
            else if (value != _rowsPrinted)
            {
                _rowsPrinted = value;
                _console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{value:N0} rows read"));
            }
        }
    }

    /// <summary>
    /// One rejected row, printed as it comes as <c>file:line: reason</c> (DESIGN.md), so that every one is printed
    /// while the import keeps only the first of them. On a terminal the bar is cleared first and drawn again below.
    /// </summary>
    public void Rejected(ImportRejection rejection)
    {
        lock (_drawing)
        {
            if (_console.ErrorIsTerminal && _drawnWidth > 0)
            {
                _console.Error.Write($"\r{new string(' ', _drawnWidth)}\r");
                _drawnWidth = 0;
            }

            _console.Error.WriteLine(rejection.Error);
        }
    }

    /// <summary>Clears the bar, so that what is printed next starts on a clean line.</summary>
    public void Finish()
    {
        lock (_drawing)
        {
            if (_console.ErrorIsTerminal && _drawnWidth > 0)
            {
                _console.Error.Write($"\r{new string(' ', _drawnWidth)}\r");
                _console.Error.Flush();
                _drawnWidth = 0;
            }
        }
    }

    private async IAsyncEnumerable<IngestItem> ReadAsync(
        string path, ImportFormat format, ImportReaderOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        lock (_drawing)
        {
            _fileNumber++;
            if (!_console.ErrorIsTerminal)
            {
                _console.Error.WriteLine($"Reading {path} ({_fileNumber}/{_paths.Count})");
            }
        }

        // The same refusal as ImportSource.FromFile gives, but the stream is ours so that its position can be shown.
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new IngestFormatException(path, $"cannot be opened ({ex.Message})", ex);
        }

        await using (stream)
        {
            try
            {
                await foreach (var item in ImportReader.ReadAsync(stream, path, format, options, cancellationToken))
                {
                    lock (_drawing)
                    {
                        _rowsRead++;
                        _readBytes = _finishedBytes + stream.Position;
                        if (_console.ErrorIsTerminal && (!_sinceDraw.IsRunning || _sinceDraw.Elapsed >= RedrawInterval))
                        {
                            Draw();
                        }
                    }

                    yield return item;
                }
            }
            finally
            {
                lock (_drawing)
                {
                    _finishedBytes += stream.Length;
                    _readBytes = _finishedBytes;
                }
            }
        }
    }

    // Called with _drawing held.
    private void Draw()
    {
        var fraction = _totalBytes == 0 ? 0 : Math.Clamp((double)_readBytes / _totalBytes, 0, 1);
        var filled = (int)Math.Round(fraction * BarWidth);
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', BarWidth - filled)}] {fraction * 100,3:0}%  {_rowsRead:N0} rows  file {Math.Max(_fileNumber, 1)}/{_paths.Count}");
        _console.Error.Write($"\r{line.PadRight(_drawnWidth)}");
        _console.Error.Flush();
        _drawnWidth = line.Length;
        _sinceDraw.Restart();
    }

    private static long SizeOf(string path)
    {
        try
        {
            var file = new FileInfo(path);
            return file.Exists ? file.Length : 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return 0;
        }
    }
}
