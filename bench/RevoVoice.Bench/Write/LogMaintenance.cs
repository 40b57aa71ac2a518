using Npgsql;

namespace RevoVoice.Bench.Write;

/// <summary>
/// Autovacuum and autoanalyze of the event log, sampled around a phase. Vacuum rewrites each new page once more and
/// analyze re-reads the table, and the commits of a phase they overlap share the disk and the cores with that work; the
/// benchmark says so next to the phase's figures instead of leaving the reader to guess why one run is slower.
/// </summary>
internal sealed record LogMaintenance(long Vacuums, long Analyzes, bool VacuumRunning, bool AnalyzeRunning)
{
    public static async Task<LogMaintenance> SampleAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT t.autovacuum_count, t.autoanalyze_count,
                   EXISTS (SELECT 1 FROM pg_stat_progress_vacuum v WHERE v.relid = t.relid AND v.datid = d.oid),
                   EXISTS (SELECT 1 FROM pg_stat_progress_analyze a WHERE a.relid = t.relid AND a.datid = d.oid)
              FROM pg_stat_user_tables t, pg_database d WHERE d.datname = current_database() AND t.relid = 'eventstore.events'::regclass
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new LogMaintenance(reader.GetInt64(0), reader.GetInt64(1), reader.GetBoolean(2), reader.GetBoolean(3))
            : new LogMaintenance(0, 0, false, false);
    }

    /// <summary>What ran on the event log between two samples, or null when nothing did.</summary>
    public static string? During(LogMaintenance before, LogMaintenance after)
    {
        var work = new List<string>();
        if (after.Vacuums > before.Vacuums || before.VacuumRunning || after.VacuumRunning) work.Add("autovacuum");
        if (after.Analyzes > before.Analyzes || before.AnalyzeRunning || after.AnalyzeRunning) work.Add("autoanalyze");
        return work.Count == 0 ? null : string.Join(" and ", work);
    }
}
