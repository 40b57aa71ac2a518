using System.Globalization;

namespace RevoVoice.Bench.Write;

/// <summary>
/// The kernel's dirty-page writeback, which decides the paced phase's worst second: with the default thresholds
/// (10% of RAM, so only the 30 s expiry ever triggers a flush on a large machine) PostgreSQL's data pages reach the disk
/// in bursts, and a WAL fsync caught behind one waited 150-250 ms (seen as a run of WALSync waits in
/// pg_stat_activity, once a minute under this load). Capping background dirty bytes spreads the writes out.
/// </summary>
internal static class HostWriteback
{
    private const long SmoothBytes = 16 * 1024 * 1024;

    public static string? BurstWarning()
    {
        if (Read("/proc/sys/vm/dirty_background_bytes") is not { } bytes || Read("/proc/sys/vm/dirty_background_ratio") is not { } ratio)
            return null;
        var threshold = bytes > 0 ? bytes : ratio * GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 100;
        return threshold <= SmoothBytes * 4
            ? null
            : $"host writeback flushes in bursts (background threshold {threshold / (1024 * 1024):N0} MiB): expect one WAL-fsync stall of " +
              $"~150-250 ms in the paced phase; `sysctl vm.dirty_background_bytes={SmoothBytes}` on a database host smooths it";
    }

    private static long? Read(string path) =>
        File.Exists(path) && long.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
