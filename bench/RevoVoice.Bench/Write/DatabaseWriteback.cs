using Npgsql;

namespace RevoVoice.Bench.Write;

/// <summary>
/// Whether the database will stall the paced phase's commits. PostgreSQL 15 extends a table or index by writing zero
/// pages through the kernel's page cache with no flush hint; with a large buffer pool those pages stay dirty until the
/// kernel's 30 s expiry and are written ~200 MB at once (/proc/meminfo's Dirty climbed to ~200 MB and fell to ~3 MB
/// every ~30 s), and a WAL fsync caught behind that waited 150-250 ms. The small, early-flushing pool that
/// <c>./revovoice infra up</c> configures keeps Dirty at ~30 MB (what remains is <see cref="HostWriteback"/>'s to
/// smooth); PostgreSQL 16 and later extend with fallocate.
/// </summary>
internal static class DatabaseWriteback
{
    // What `./revovoice infra up` configures; 64 MB still left ~40 MB dirty and a 63 ms second.
    private const long EarlyFlushingPoolBytes = 32 * 1024 * 1024;

    /// <summary>The server's version and writeback settings, and a warning when they will stall commits.</summary>
    public static async Task<(string Settings, string? Warning)> InspectAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT current_setting('server_version_num')::int, current_setting('server_version'), " +
            "pg_size_bytes(current_setting('shared_buffers')), current_setting('backend_flush_after'), " +
            "current_setting('fsync') || '/' || current_setting('synchronous_commit')", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (versionNumber, version, sharedBuffers, backendFlushAfter, durability) =
            (reader.GetInt32(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4));
        var settings = $"PostgreSQL {version}, shared_buffers {sharedBuffers / (1024 * 1024)} MB, backend_flush_after {backendFlushAfter}, " +
                       $"fsync/synchronous_commit = {durability}";
        var stalls = versionNumber < 160000 && (sharedBuffers > EarlyFlushingPoolBytes || backendFlushAfter == "0");
        return (settings, stalls
            ? "this PostgreSQL leaves new pages dirty in the kernel until its 30 s expiry: expect one WAL-fsync stall of ~150-250 ms " +
              "in the paced phase (`./revovoice infra up` starts it with a small, early-flushing buffer pool; see README)"
            : null);
    }
}
