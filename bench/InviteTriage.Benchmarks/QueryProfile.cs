using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace InviteTriage.Benchmarks;

/// <summary>
/// Where an arrival's time goes: every SQL statement's count and total time, slowest first, from its execution until
/// its reader is disposed (so reading the rows counts). Between <see cref="BeginArrival"/> and <see cref="EndArrival"/>
/// the statements of one arrival are kept too, so the slowest arrivals can be told apart from the median ones.
/// </summary>
internal sealed class QueryProfile : DbCommandInterceptor, IQueryExpressionInterceptor
{
    private readonly ConcurrentDictionary<string, int> _compiled = new();

    private readonly ConcurrentDictionary<string, (int Count, double Milliseconds)> _totals = new();
    private readonly ConcurrentDictionary<DbCommand, Stopwatch> _running = new();
    private readonly List<ArrivalProfile> _arrivals = [];
    private List<(string Sql, double Milliseconds)>? _current;
    private Stopwatch? _arrivalClock;
    private TimeSpan _cpuBefore;
    private int _gen0, _gen1, _gen2;

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        _running[command] = Stopwatch.StartNew();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        _running[command] = Stopwatch.StartNew();
        return ValueTask.FromResult(result);
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
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

    /// <summary>Called only when EF Core compiles a query, that is, when its query cache misses.</summary>
    public System.Linq.Expressions.Expression QueryCompilationStarting(System.Linq.Expressions.Expression queryExpression, QueryExpressionEventData eventData)
    {
        if (_current is not null)
        {
            _compiled.AddOrUpdate(queryExpression.ToString()[..Math.Min(200, queryExpression.ToString().Length)], 1, (_, n) => n + 1);
        }

        return queryExpression;
    }

    public void Clear() => _totals.Clear();

    /// <summary>Starts keeping the statements of one arrival's detection.</summary>
    public void BeginArrival()
    {
        _current = [];
        (_gen0, _gen1, _gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        _cpuBefore = Environment.CpuUsage.TotalTime;
        _arrivalClock = Stopwatch.StartNew();
    }

    public void EndArrival()
    {
        var elapsed = _arrivalClock!.Elapsed.TotalMilliseconds;
        var cpu = (Environment.CpuUsage.TotalTime - _cpuBefore).TotalMilliseconds;
        var gcs = $"{GC.CollectionCount(0) - _gen0}/{GC.CollectionCount(1) - _gen1}/{GC.CollectionCount(2) - _gen2}";
        _arrivals.Add(new ArrivalProfile(elapsed, cpu, _current!, gcs));
        _current = null;
    }

    public void Report(TextWriter output, int arrivals)
    {
        foreach (var (sql, (count, ms)) in _totals.OrderByDescending(t => t.Value.Milliseconds).Take(20))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ms / arrivals,8:0.000} ms/arrival {count,6}x  {Flatten(sql)}"));
        }

        if (_arrivals.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine($"queries compiled during the arrivals: {_compiled.Values.Sum()}");
        foreach (var (expression, count) in _compiled.OrderByDescending(c => c.Value).Take(10))
        {
            output.WriteLine($"  {count,5}x {expression}");
        }

        var byTime = _arrivals.OrderBy(a => a.Milliseconds).ToList();
        output.WriteLine();
        output.WriteLine("detection per arrival: total, in SQL (execute to reader disposed), statements");
        foreach (var q in new[] { 0.5, 0.9, 0.99 })
        {
            var a = byTime[(int)Math.Min(byTime.Count - 1, Math.Ceiling(q * byTime.Count) - 1)];
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"p{q * 100:0}: {a.Milliseconds:0.00} ms, CPU {a.CpuMilliseconds:0.00} ms, SQL {a.SqlMilliseconds:0.00} ms, {a.Statements.Count} statements, GCs {a.Collections}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"medians over all arrivals: total {Median(byTime.Select(a => a.Milliseconds)):0.00} ms, SQL {Median(byTime.Select(a => a.SqlMilliseconds)):0.00} ms, statements {Median(byTime.Select(a => (double)a.Statements.Count)):0}"));
        var byCpu = _arrivals.Select(a => a.CpuMilliseconds).Order().ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"process CPU per arrival (user+sys, all threads): p50 {byCpu[byCpu.Count / 2]:0.00} ms, p90 {byCpu[(int)(byCpu.Count * 0.9) - 1]:0.00} ms, p99 {byCpu[(int)(byCpu.Count * 0.99) - 1]:0.00} ms"));
        foreach (var slow in byTime.TakeLast(5).Reverse())
        {
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"slow arrival: {slow.Milliseconds:0.00} ms, CPU {slow.CpuMilliseconds:0.00} ms, SQL {slow.SqlMilliseconds:0.00} ms, GCs {slow.Collections}"));
            foreach (var (sql, ms) in slow.Statements)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {ms,8:0.000} ms  {Flatten(sql)[..Math.Min(110, Flatten(sql).Length)]}"));
            }
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private void Record(DbCommand command)
    {
        if (_running.TryRemove(command, out var clock))
        {
            var ms = clock.Elapsed.TotalMilliseconds;
            _totals.AddOrUpdate(command.CommandText, (1, ms), (_, t) => (t.Count + 1, t.Milliseconds + ms));
            _current?.Add((command.CommandText, ms));
        }
    }

    private static string Flatten(string sql)
    {
        var line = string.Join(' ', sql.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()));
        return line.Length > 150 ? line[..150] + "…" : line;
    }

    private sealed record ArrivalProfile(double Milliseconds, double CpuMilliseconds, List<(string Sql, double Milliseconds)> Statements, string Collections)
    {
        public double SqlMilliseconds => Statements.Sum(s => s.Milliseconds);
    }
}
