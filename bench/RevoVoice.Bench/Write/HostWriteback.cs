using System.Globalization;

namespace RevoVoice.Bench.Write;

/// <summary>
/// The kernel's background writeback threshold, set for the run as a database host would have it. The kernel's flusher
/// writes a file once it has been dirty for 30 s, and PostgreSQL's busy files never stop being dirty, so below the
/// background threshold (by default 10% of RAM, which this load never reaches) each is written whole every 30 s. Even
/// with the small pool <c>./revovoice infra up</c> configures, /proc/meminfo's Dirty sits at ~30 MB, mostly pages
/// PostgreSQL 15 extended with zeros while their contents are still in its pool, and falls to ~10 MB in one go; the WAL
/// fsyncs behind that wait, and one paced second's p99 reaches 30-70 ms. A 4 MiB threshold keeps the kernel writing all
/// the time, in small pieces. The host's own threshold is put back when the run ends.
/// </summary>
internal sealed class HostWriteback : IDisposable
{
    private const string BytesPath = "/proc/sys/vm/dirty_background_bytes";
    private const string RatioPath = "/proc/sys/vm/dirty_background_ratio";
    private const long SmoothBytes = 4 * 1024 * 1024;

    private readonly (long Bytes, long Ratio)? _hostOwn;

    private HostWriteback(string settings, string? warning, (long Bytes, long Ratio)? hostOwn)
    {
        Settings = settings;
        Warning = warning;
        _hostOwn = hostOwn;
    }

    /// <summary>What the run's writeback threshold is, for the benchmark's header.</summary>
    public string Settings { get; }

    /// <summary>Set when the threshold stays high enough for the kernel to write in bursts.</summary>
    public string? Warning { get; }

    public static HostWriteback SmoothForRun()
    {
        if (Read(BytesPath) is not { } bytes || Read(RatioPath) is not { } ratio)
            return new HostWriteback("host writeback unknown (no /proc/sys/vm)", null, null);
        var threshold = bytes > 0 ? bytes : ratio * GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 100;
        if (threshold <= SmoothBytes)
            return new HostWriteback($"host background writeback from {Mib(threshold)} dirty", null, null);
        try
        {
            File.WriteAllText(BytesPath, SmoothBytes.ToString(CultureInfo.InvariantCulture));
            return new HostWriteback($"host background writeback from {Mib(SmoothBytes)} dirty for this run (the host's {Mib(threshold)} is put back after)",
                null, (bytes, ratio));
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return new HostWriteback($"host background writeback from {Mib(threshold)} dirty",
                $"the kernel writes the database's busy files whole every 30 s (background threshold {Mib(threshold)}; could not set it for the run: {e.Message}): " +
                $"expect a paced second of 30-70 ms; a database host wants `sysctl -w vm.dirty_background_bytes={SmoothBytes}`", null);
        }
    }

    public void Dispose()
    {
        // Writing either file zeroes the other, so the one the host had set is the one written back.
        if (_hostOwn is { } own)
            File.WriteAllText(own.Bytes > 0 ? BytesPath : RatioPath, (own.Bytes > 0 ? own.Bytes : own.Ratio).ToString(CultureInfo.InvariantCulture));
    }

    private static string Mib(long bytes) => $"{bytes / (1024.0 * 1024):N0} MiB";

    private static long? Read(string path) =>
        File.Exists(path) && long.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
