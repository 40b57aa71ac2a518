using System.Globalization;

namespace RevoVoice.Bench.Write;

/// <summary>
/// The kernel's dirty-page writeback, which decides the paced phase's worst second. PostgreSQL 15 extends a table or
/// index by writing zero pages through the page cache with no early flush, 5-7 MB/s under this load. With the default
/// thresholds (10% of RAM, so on a large machine only the 30 s expiry triggers a flush) the kernel then writes a file's
/// dirty pages all at once: /proc/meminfo's Dirty climbed to ~200 MB and fell to ~3 MB every ~30 s, and a WAL fsync
/// caught behind such a flush waited 150-250 ms (a run of WALSync waits in pg_stat_activity). A larger shared_buffers
/// and backend_flush_after did not change it; capping background dirty bytes spreads the writes out.
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
