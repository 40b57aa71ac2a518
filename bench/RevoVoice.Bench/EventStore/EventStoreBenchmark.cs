using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;
using RevoVoice.EventStore;
using Spectre.Console;

namespace RevoVoice.Bench.EventStore;

/// <summary>
/// <c>./revovoice bench eventstore</c>: append, read and subscription figures of the PostgreSQL event store against
/// the local server with fsync on, in a throwaway database.
/// </summary>
public static class EventStoreBenchmark
{
    private const string Area = "eventstore";
    private static readonly TimeSpan PhaseLength = TimeSpan.FromSeconds(8);

    public static async Task RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var database = $"rv_bench_eventstore_{Guid.NewGuid():N}";
        var admin = new NpgsqlConnectionStringBuilder(settings.PostgresAdminConnectionString) { Pooling = false };
        await ExecuteAsync(admin.ConnectionString, $"CREATE DATABASE \"{database}\"", cancellationToken);
        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(settings.PostgresAdminConnectionString)
            {
                Database = database, Pooling = true, MaxPoolSize = 100, Timeout = 15, MaxAutoPrepare = 32, // as AddPostgresEventStore sets it
            }.ConnectionString;
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await DescribeSetUpAsync(dataSource, cancellationToken);
            await new EventStoreMigrator(dataSource).MigrateAsync(cancellationToken);

            var registry = new EventTypeRegistry().Register("utterance-benchmarked.v1", BenchEventsJsonContext.Default.UtteranceBenchmarked);
            await using var store = new PostgresEventStore(dataSource, registry, new EventStoreOptions { ReadPageSize = 2000 });
            var cpu = new CpuMeter(dataSource, database);

            await AnsiConsole.Progress().AutoClear(true).StartAsync(async progress =>
            {
                await AppendBatchedAsync(store, cpu, progress.AddTask("append 100-event batches"), cancellationToken);
                await AppendSingleAsync(store, cpu, progress.AddTask("append single events, 64 writers"), cancellationToken);
                await ReadAllAsync(store, cpu, progress.AddTask("read $all"), cancellationToken);
                await SubscriptionLagAsync(store, cpu, progress.AddTask("subscription lag at 2,000 events/s"), cancellationToken);
            });
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin.ConnectionString, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", CancellationToken.None);
        }
    }

    private static async Task DescribeSetUpAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        async Task<string> Show(string setting)
        {
            await using var command = dataSource.CreateCommand($"SHOW {setting}");
            return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        await using var version = dataSource.CreateCommand("SELECT current_setting('server_version')");
        AnsiConsole.WriteLine($"PostgreSQL {await version.ExecuteScalarAsync(cancellationToken)} on the same machine (127.0.0.1), fresh database per run.");
        AnsiConsole.WriteLine($"Durability: SHOW fsync = {await Show("fsync")}, synchronous_commit = {await Show("synchronous_commit")}, " +
                              $"wal_sync_method = {await Show("wal_sync_method")}. The local cluster was created with initdb --no-sync (which only skips");
        AnsiConsole.WriteLine("syncing the initdb files) but runs with fsync=on: every commit below waits for its WAL flush.");
        AnsiConsole.WriteLine("Client: PostgresEventStore over one NpgsqlDataSource (pool of up to 100, auto-prepare on, as AddPostgresEventStore configures it).");
        AnsiConsole.WriteLine($"Events: ~120-byte JSON (utterance-benchmarked.v1), source-generated System.Text.Json; each phase ~{PhaseLength.TotalSeconds:0} s.");
        AnsiConsole.WriteLine("The machine's 2 cores are shared with the client, the server and other agents' builds and tests: figures are depressed by that load.");
    }

    private static EventData NewEvent(string callId, int sequence) => EventData.Create(
        new UtteranceBenchmarked(callId, sequence, "caller", "I would like to change the address on my account please", 0.93),
        new EventMetadata("corr-" + callId, null, "bench"));

    private static async Task AppendBatchedAsync(PostgresEventStore store, CpuMeter cpu, ProgressTask task, CancellationToken cancellationToken)
    {
        const int writers = 4, batchSize = 100;
        long events = 0;
        var cpuStart = await cpu.SampleAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            for (var batch = 0; clock.Elapsed < PhaseLength; batch++)
            {
                var stream = $"call-batched-{writer}-{batch}";
                var data = Enumerable.Range(0, batchSize).Select(i => NewEvent(stream, i)).ToList();
                await store.AppendAsync(stream, ExpectedRevision.NoStream, data, cancellationToken);
                Interlocked.Add(ref events, batchSize);
                task.Value = Math.Min(100, clock.Elapsed / PhaseLength * 100);
            }
        }, cancellationToken)));
        var rate = events / clock.Elapsed.TotalSeconds;
        task.Value = 100;
        AnsiConsole.WriteLine($"append_batched: {writers} writers, {batchSize}-event batches, a new stream per batch, {events:N0} events in {clock.Elapsed.TotalSeconds:0.0} s");
        AnsiConsole.WriteLine(await CpuReportAsync(cpu, cpuStart, events, "events", cancellationToken));
        BenchOutput.Figure(Area, "append_batched", rate, "events/s");
        if (rate < 30_000) AnsiConsole.WriteLine($"  below the 30,000 events/s target by {100 - rate / 300:0}%");
    }

    private static async Task AppendSingleAsync(PostgresEventStore store, CpuMeter cpu, ProgressTask task, CancellationToken cancellationToken)
    {
        const int writers = 64, streams = 2_000;
        var latencies = new ConcurrentBag<double>();
        var cpuStart = await cpu.SampleAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            var random = new Random(writer);
            for (var i = 0; clock.Elapsed < PhaseLength; i++)
            {
                var stream = $"call-single-{random.Next(streams)}";
                var started = Stopwatch.GetTimestamp();
                await store.AppendAsync(stream, ExpectedRevision.Any, [NewEvent(stream, i)], cancellationToken);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (writer == 0) task.Value = Math.Min(100, clock.Elapsed / PhaseLength * 100);
            }
        }, cancellationToken)));
        var rate = latencies.Count / clock.Elapsed.TotalSeconds;
        var sorted = latencies.Order().ToArray();
        task.Value = 100;
        AnsiConsole.WriteLine($"append_single_64: {writers} concurrent writers, 1 event per append, {streams:N0} streams, {sorted.Length:N0} appends; " +
                              $"p50 {Percentile(sorted, 0.50):0.0} ms");
        AnsiConsole.WriteLine(await CpuReportAsync(cpu, cpuStart, sorted.Length, "appends", cancellationToken));
        BenchOutput.Figure(Area, "append_single_64", rate, "appends/s");
        BenchOutput.Figure(Area, "append_single_64_p99_ms", Percentile(sorted, 0.99), "ms");
        if (rate < 3_000) AnsiConsole.WriteLine($"  below the 3,000 appends/s target by {100 - rate / 30:0}%");
    }

    private static async Task ReadAllAsync(PostgresEventStore store, CpuMeter cpu, ProgressTask task, CancellationToken cancellationToken)
    {
        long events = 0;
        var cpuStart = await cpu.SampleAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        await foreach (var resolved in store.ReadAllAsync(Direction.Forwards, LogPosition.Start, cancellationToken: cancellationToken))
        {
            if (resolved.Event is UtteranceBenchmarked) events++;
        }
        var rate = events / clock.Elapsed.TotalSeconds;
        task.Value = 100;
        AnsiConsole.WriteLine($"read_all: {events:N0} events from position 0, pages of 2,000, each deserialized to its CLR type with metadata, in {clock.Elapsed.TotalSeconds:0.0} s");
        AnsiConsole.WriteLine(await CpuReportAsync(cpu, cpuStart, events, "events", cancellationToken));
        BenchOutput.Figure(Area, "read_all", rate, "events/s");
        if (rate < 150_000) AnsiConsole.WriteLine($"  below the 150,000 events/s target by {100 - rate / 1500:0}%");
    }

    private static async Task SubscriptionLagAsync(PostgresEventStore store, CpuMeter cpu, ProgressTask task, CancellationToken cancellationToken)
    {
        // 2,000 events/s as 500 appends/s of 4 events (a conversation turn is appended as one small batch), so the
        // figure measures the subscription, not a saturated append path.
        const int producers = 8, perSecond = 2_000, batch = 4;
        var committedAt = new ConcurrentDictionary<Guid, long>();
        var lags = new List<double>();
        var head = (await ToListAsync(store.ReadAllAsync(Direction.Backwards, LogPosition.End, 1, cancellationToken))).Single().Position;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var expected = (int)(perSecond * PhaseLength.TotalSeconds);

        var subscriber = Task.Run(async () =>
        {
            try
            {
                await foreach (var resolved in store.SubscribeToAllAsync(head, null, stop.Token))
                {
                    var delivered = Stopwatch.GetTimestamp();
                    // The append's return can trail the commit (and so the delivery) by a hair: wait for it.
                    long committed;
                    while (!committedAt.TryGetValue(resolved.EventId, out committed)) await Task.Yield();
                    lags.Add(Math.Max(0, Stopwatch.GetElapsedTime(committed, delivered).TotalMilliseconds));
                    if (lags.Count == expected) return;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        }, CancellationToken.None);

        var cpuStart = await cpu.SampleAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        var interval = TimeSpan.FromSeconds((double)producers * batch / perSecond);
        await Task.WhenAll(Enumerable.Range(0, producers).Select(producer => Task.Run(async () =>
        {
            for (var i = 0; i < expected / producers / batch; i++)
            {
                var due = interval * i + interval / producers * producer;
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
                var stream = $"call-live-{producer}-{i / 50}";
                var data = Enumerable.Range(0, batch).Select(n => NewEvent(stream, i * batch + n)).ToList();
                await store.AppendAsync(stream, ExpectedRevision.Any, data, cancellationToken);
                var now = Stopwatch.GetTimestamp();
                foreach (var e in data) committedAt[e.EventId] = now;
                if (producer == 0) task.Value = Math.Min(100, clock.Elapsed / PhaseLength * 100);
            }
        }, cancellationToken)));
        var produced = clock.Elapsed;
        stop.CancelAfter(TimeSpan.FromSeconds(30));
        await subscriber;
        task.Value = 100;

        var sorted = lags.Order().ToArray();
        AnsiConsole.WriteLine($"subscription_lag: {producers} producers paced to {perSecond:N0} events/s in {batch}-event appends (achieved {expected / produced.TotalSeconds:N0} events/s), " +
                              $"one $all subscription; lag = delivery minus append returned; {sorted.Length:N0} events, p50 {Percentile(sorted, 0.5):0.0} ms, max {sorted.LastOrDefault():0.0} ms");
        AnsiConsole.WriteLine(await CpuReportAsync(cpu, cpuStart, sorted.Length, "events", cancellationToken));
        BenchOutput.Figure(Area, "subscription_lag_p99_ms", Percentile(sorted, 0.99), "ms");
        if (Percentile(sorted, 0.99) > 50) AnsiConsole.WriteLine($"  above the 50 ms target by {Percentile(sorted, 0.99) - 50:0.0} ms");
    }

    private static async Task<string> CpuReportAsync(CpuMeter cpu, CpuMeter.Sample start, long units, string unit, CancellationToken cancellationToken)
    {
        var (client, server) = CpuMeter.Between(start, await cpu.SampleAsync(cancellationToken));
        var ceiling = units / Math.Max(1e-9, client + server) * 2;
        return $"  CPU per 1,000 {unit}: client {client * 1e6 / units:0} ms, PostgreSQL backends {server * 1e6 / units:0} ms " +
               $"(WAL writer and fsync waits not included) -> CPU-bound ceiling with 2 idle cores ~{ceiling:N0} {unit}/s";
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static async Task<List<ResolvedEvent>> ToListAsync(IAsyncEnumerable<ResolvedEvent> events)
    {
        var list = new List<ResolvedEvent>();
        await foreach (var e in events) list.Add(e);
        return list;
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
