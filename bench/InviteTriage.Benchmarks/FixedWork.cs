using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace InviteTriage.Benchmarks;

/// <summary>
/// The machine's own tail, beside the arrivals': the same piece of pure computation, as long as the median detection,
/// timed as many times right after them. It allocates nothing and touches 16 KiB, so its spread is the machine's (the
/// scheduler, the hypervisor taking the virtual core, the frequency), not the code's: on this VM a fixed loop's p99 was
/// 2 to 3 times its median (docs/performance.md, "The machine's own tail").
/// </summary>
internal static class FixedWork
{
    private static readonly ulong[] State = new ulong[2048];

    public static List<double> Time(double medianMs, int count)
    {
        var rounds = Calibrate(medianMs);
        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            Work(rounds);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return times;
    }

    /// <summary>Rounds of <see cref="Work"/> that take the median's time: the middle of five tries, doubled until long enough.</summary>
    private static long Calibrate(double medianMs)
    {
        var rounds = 1_000L;
        while (true)
        {
            var middle = Enumerable.Range(0, 5).Select(_ =>
            {
                var started = Stopwatch.GetTimestamp();
                Work(rounds);
                return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }).Order().ElementAt(2);
            if (middle >= medianMs / 4)
            {
                return Math.Max(1, (long)(rounds * medianMs / middle));
            }

            rounds *= 2;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Work(long rounds)
    {
        var x = State[0] | 1;
        for (var i = 0L; i < rounds; i++)
        {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            State[(int)(x & 2047)] += x;
        }

        State[0] = x;
    }
}
