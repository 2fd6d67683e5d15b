using Microsoft.Extensions.Logging;

namespace InviteTriage.Bench;

/// <summary>
/// Keeps the durations the app's services log as structured values (names ending in "Ms"), so that the harness can
/// report where an import's time went without timing code of its own inside the app.
/// </summary>
internal sealed class PhaseTimes : ILoggerProvider, ILogger
{
    private readonly Dictionary<string, double> _milliseconds = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, double> Milliseconds
    {
        get
        {
            lock (_milliseconds)
            {
                return new Dictionary<string, double>(_milliseconds, StringComparer.Ordinal);
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (state is not IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            return;
        }

        lock (_milliseconds)
        {
            foreach (var (name, value) in values)
            {
                if (name.EndsWith("Ms", StringComparison.Ordinal) && value is IConvertible number)
                {
                    _milliseconds[name] = _milliseconds.GetValueOrDefault(name) + number.ToDouble(System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }
    }

    public void Dispose()
    {
    }
}
