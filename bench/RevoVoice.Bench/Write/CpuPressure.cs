using System.Diagnostics;
using System.Globalization;

namespace RevoVoice.Bench.Write;

/// <summary>
/// How much of a phase some runnable task waited for a core, from the kernel's pressure stall information
/// (/proc/pressure/cpu, "some"). At the paced load the service, PostgreSQL and the load generator keep two cores
/// ~70% busy, and the turns' wake-ups queue behind each other: that wait, more than a stalled machine, makes the paced
/// tail (README.md, "what decides the paced p99"). The benchmark prints it next to the paced figures.
/// </summary>
internal sealed class CpuPressure
{
    private const string PressurePath = "/proc/pressure/cpu";

    private readonly long _stalledMicroseconds;
    private readonly long _startedAt = Stopwatch.GetTimestamp();

    private CpuPressure(long stalledMicroseconds) => _stalledMicroseconds = stalledMicroseconds;

    /// <summary>Starts measuring, or null on a kernel without pressure stall information.</summary>
    public static CpuPressure? Start() => ReadStalledMicroseconds() is { } stalled ? new CpuPressure(stalled) : null;

    /// <summary>The share of the wall time since <see cref="Start"/> in which some task waited for a core.</summary>
    public double? StalledShare()
    {
        var elapsed = Stopwatch.GetElapsedTime(_startedAt);
        return ReadStalledMicroseconds() is { } stalled && elapsed > TimeSpan.Zero
            ? (stalled - _stalledMicroseconds) / elapsed.TotalMicroseconds
            : null;
    }

    private static long? ReadStalledMicroseconds()
    {
        try
        {
            // "some avg10=0.41 avg60=14.33 avg300=32.25 total=11723719757" (microseconds)
            var some = File.ReadLines(PressurePath).FirstOrDefault(line => line.StartsWith("some ", StringComparison.Ordinal));
            var total = some?.Split(' ').FirstOrDefault(field => field.StartsWith("total=", StringComparison.Ordinal));
            return total is null ? null : long.Parse(total["total=".Length..], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
