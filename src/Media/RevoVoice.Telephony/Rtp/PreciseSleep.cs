using System.Runtime.InteropServices;

namespace RevoVoice.Telephony.Rtp;

/// <summary>
/// Sub-millisecond sleeps and real-time scheduling for the media clock threads. On Linux it uses
/// <c>clock_nanosleep(CLOCK_MONOTONIC)</c> (wakes within tens of microseconds, no spinning) and, when asked and
/// permitted, <c>SCHED_FIFO</c> for the calling thread, as media servers do so packet timing survives a busy machine.
/// Elsewhere it falls back to <see cref="Thread.Sleep(int)"/>.
/// </summary>
internal static partial class PreciseSleep
{
    private const int ClockMonotonic = 1;
    private const int SchedFifo = 1;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct SchedParam
    {
        public int Priority;
    }

    [LibraryImport("libc", EntryPoint = "clock_nanosleep")]
    private static partial int ClockNanosleep(int clock, int flags, ref TimeSpec request, IntPtr remaining);

    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static partial int SchedSetScheduler(int pid, int policy, ref SchedParam parameters);

    public static void Sleep(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero) return;
        if (!OperatingSystem.IsLinux())
        {
            Thread.Sleep(Math.Max(1, (int)duration.TotalMilliseconds));
            return;
        }
        var ticks = duration.Ticks;
        var request = new TimeSpec { Seconds = ticks / TimeSpan.TicksPerSecond, Nanoseconds = ticks % TimeSpan.TicksPerSecond * 100 };
        ClockNanosleep(ClockMonotonic, 0, ref request, IntPtr.Zero);
    }

    /// <summary>Puts the calling thread under SCHED_FIFO at a low real-time priority; false when not permitted or not Linux.</summary>
    public static bool TryUseRealtimePriority()
    {
        if (!OperatingSystem.IsLinux()) return false;
        var parameters = new SchedParam { Priority = 10 };
        return SchedSetScheduler(0, SchedFifo, ref parameters) == 0;
    }
}
