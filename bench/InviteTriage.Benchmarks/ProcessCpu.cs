using System.Runtime.InteropServices;

namespace InviteTriage.Benchmarks;

/// <summary>
/// The CPU time this process has used, every thread's, to the nanosecond. Set beside an arrival's wall time it tells
/// work from waiting: a machine busy with others stretches the wall time, not this. Process.TotalProcessorTime reads
/// /proc in clock ticks of 10 ms, far coarser than an arrival.
/// </summary>
internal static partial class ProcessCpu
{
    private const int ClockProcessCpuTimeId = 2;

    // The clock's id and the struct's layout are Linux's (64-bit); elsewhere the figure is NaN rather than wrong.
    public static double Milliseconds => OperatingSystem.IsLinux() && ClockGetTime(ClockProcessCpuTimeId, out var now) == 0
        ? (now.Seconds * 1e3) + (now.Nanoseconds / 1e6)
        : double.NaN;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clockId, out TimeSpec time);
}
