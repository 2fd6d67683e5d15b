using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace InviteTriage.Benchmarks;

/// <summary>Where an arrival's time goes: every SQL statement's count and total time, slowest first.</summary>
internal sealed class QueryProfile : DbCommandInterceptor
{
    private readonly ConcurrentDictionary<string, (int Count, double Milliseconds)> _totals = new();
    private readonly ConcurrentDictionary<DbCommand, Stopwatch> _running = new();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        _running[command] = Stopwatch.StartNew();
        return ValueTask.FromResult(result);
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        _running[command] = Stopwatch.StartNew();
        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public void Clear() => _totals.Clear();

    public void Report(TextWriter output, int arrivals)
    {
        foreach (var (sql, (count, ms)) in _totals.OrderByDescending(t => t.Value.Milliseconds).Take(15))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ms / arrivals,8:0.000} ms/arrival {count,6}x  {Flatten(sql)}"));
        }
    }

    private void Record(DbCommand command)
    {
        if (_running.TryRemove(command, out var clock))
        {
            _totals.AddOrUpdate(command.CommandText, (1, clock.Elapsed.TotalMilliseconds), (_, t) => (t.Count + 1, t.Milliseconds + clock.Elapsed.TotalMilliseconds));
        }
    }

    private static string Flatten(string sql)
    {
        var line = string.Join(' ', sql.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()));
        return line.Length > 150 ? line[..150] + "…" : line;
    }
}
