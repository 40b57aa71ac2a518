using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace RevoVoice.Bench.EventStore;

/// <summary>
/// CPU time spent by this process (the client) and by the PostgreSQL backends serving the benchmark database,
/// read from /proc. CPU time per event does not depend on how busy the shared machine is, so it shows what bounds a
/// figure (and what it would be on two idle cores) where wall-clock rates only show the contention.
/// </summary>
internal sealed class CpuMeter(NpgsqlDataSource dataSource, string database)
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public sealed record Sample(TimeSpan Client, IReadOnlyDictionary<int, double> ServerTicksByPid);

    public async Task<Sample> SampleAsync(CancellationToken cancellationToken)
    {
        var pids = new List<int>();
        await using (var command = dataSource.CreateCommand("SELECT pid FROM pg_stat_activity WHERE datname = $1"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = database });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) pids.Add(reader.GetInt32(0));
        }
        var ticks = new Dictionary<int, double>();
        foreach (var pid in pids)
            if (ReadTicks(pid) is { } t) ticks[pid] = t;
        return new Sample(Process.GetCurrentProcess().TotalProcessorTime, ticks);
    }

    /// <summary>Client and server CPU seconds between two samples.</summary>
    public static (double Client, double Server) Between(Sample start, Sample end)
    {
        var server = end.ServerTicksByPid.Sum(p => p.Value - start.ServerTicksByPid.GetValueOrDefault(p.Key)) / TicksPerSecond;
        return ((end.Client - start.Client).TotalSeconds, server);
    }

    private static double? ReadTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the ")" closing the command name: state is field 3, utime 14, stime 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null; // the backend ended between the query and the read
        }
    }
}
