using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;
using RevoVoice.Contracts.Calls;
using RevoVoice.Contracts.Serialization;
using RevoVoice.ServiceDefaults.Auth;
using Spectre.Console;

namespace RevoVoice.Bench.Write;

/// <summary>
/// <c>./revovoice bench write [seconds]</c>: 50 concurrent clients send conversation turns (utterance + intent, and a
/// sentiment change every third turn) to 500 live calls over HTTP; each client owns 10 calls and sends their turns
/// one after another, as a media leg does. Prints turns/s and the latency percentiles of a turn.
/// </summary>
public static class WriteBenchmark
{
    private const int Clients = 50;
    private const int LiveCalls = 500;
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var seconds = settings.Arguments.Count > 0 && int.TryParse(settings.Arguments[0], out var s) ? s : 20;
        var database = $"rv_bench_write_{Guid.NewGuid():N}";
        var admin = new NpgsqlConnectionStringBuilder(settings.PostgresAdminConnectionString);
        await ExecuteAsync(admin.ConnectionString, $"CREATE DATABASE \"{database}\"", cancellationToken);
        try
        {
            var durability = await DurabilityAsync(admin.ConnectionString, cancellationToken);
            var connectionString = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = database, MaxPoolSize = 100 }.ConnectionString;
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
            await using var service = await WriteServiceProcess.StartAsync(settings.RepositoryRoot, connectionString, key, cancellationToken);

            AnsiConsole.MarkupLine($"[grey]write service: Release build, own process, Kestrel on {service.Address}; PostgreSQL {admin.Host}:{admin.Port} ({durability}) on the same machine[/]");
            AnsiConsole.MarkupLine($"[grey]{Clients} concurrent HTTP clients, {LiveCalls} live calls, turns = utterance + intent (+ sentiment change every 3rd), {Warmup.TotalSeconds:0} s warm-up, {seconds} s measured[/]");
            AnsiConsole.MarkupLine("[grey]figures measured while other work shares the 2 cores are depressed by it[/]");

            var token = new TokenIssuer(new AuthSettings(key, AuthSettings.DefaultIssuer, AuthSettings.DefaultAudience), TimeProvider.System)
                .Issue(RevoVoiceRoles.Media, "bench-media");
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            {
                BaseAddress = service.Address,
                Timeout = TimeSpan.FromSeconds(30),
            };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var json = new JsonSerializerOptions(ContractsJsonContext.Default.Options);

            var calls = Enumerable.Range(0, LiveCalls).Select(_ => Guid.NewGuid()).ToArray();
            var latencies = new List<double>[Clients];
            long turns = 0, failures = 0;
            var measuring = false;
            await AnsiConsole.Progress().StartAsync(async progress =>
            {
                var setup = progress.AddTask("starting and answering 500 calls", maxValue: LiveCalls);
                await Parallel.ForEachAsync(calls.Select((c, i) => (c, i)), new ParallelOptions { MaxDegreeOfParallelism = Clients, CancellationToken = cancellationToken },
                    async (item, ct) =>
                    {
                        await PostAsync(http, "/calls", new StartCall(Guid.NewGuid(), item.c, $"+4420{item.i:D8}", "+442000000000"), json, ct);
                        await PostAsync(http, "/calls/answer", new AnswerCall(Guid.NewGuid(), item.c), json, ct);
                        setup.Increment(1);
                    });

                var run = progress.AddTask($"turns ({Warmup.TotalSeconds:0} s warm-up + {seconds} s)", maxValue: Warmup.TotalSeconds + seconds);
                var clock = Stopwatch.StartNew();
                var total = Warmup + TimeSpan.FromSeconds(seconds);
                var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
                {
                    var mine = calls.Where((_, i) => i % Clients == c).ToArray();
                    var samples = latencies[c] = new List<double>(100_000);
                    for (var n = 0; clock.Elapsed < total && !cancellationToken.IsCancellationRequested; n++)
                    {
                        var callId = mine[n % mine.Length];
                        var turn = new RecordTurn(Guid.NewGuid(), callId, Guid.NewGuid(), Speaker.Caller, "I would like to check the balance of my account please",
                            0.91, n * 3_000L, n * 3_000L + 2_400, new DetectedIntent("check_balance", 0.88, [new IntentEntity("account", "12345678")]),
                            n % 3 == 0 ? new DetectedSentiment((n / 3) % 2 == 0 ? Sentiment.Negative : Sentiment.Positive, 0.5) : null);
                        var started = Stopwatch.GetTimestamp();
                        var ok = await TryPostAsync(http, "/calls/turns", turn, json, cancellationToken);
                        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                        if (!Volatile.Read(ref measuring)) continue;
                        if (ok)
                        {
                            samples.Add(elapsed);
                            Interlocked.Increment(ref turns);
                        }
                        else Interlocked.Increment(ref failures);
                    }
                }, cancellationToken)).ToArray();

                var measuredFrom = TimeSpan.Zero;
                while (!Task.WhenAll(clients).IsCompleted)
                {
                    await Task.Delay(250, cancellationToken);
                    if (!measuring && clock.Elapsed >= Warmup)
                    {
                        measuredFrom = clock.Elapsed;
                        Volatile.Write(ref measuring, true);
                    }
                    run.Value = Math.Min(run.MaxValue, clock.Elapsed.TotalSeconds);
                }
                await Task.WhenAll(clients);
                run.Value = run.MaxValue;
                var measured = clock.Elapsed - measuredFrom;
                var all = latencies.SelectMany(l => l).Order().ToArray();
                AnsiConsole.MarkupLine($"[grey]{turns} turns in {measured.TotalSeconds:0.0} s, {failures} failed; latency p50 {Percentile(all, 0.50):0.0} ms, p95 {Percentile(all, 0.95):0.0} ms, max {all.LastOrDefault():0.0} ms[/]");
                BenchOutput.Figure("write", "turns_per_s", turns / measured.TotalSeconds, "turns/s");
                BenchOutput.Figure("write", "turn_p50_ms", Percentile(all, 0.50), "ms");
                BenchOutput.Figure("write", "turn_p99_ms", Percentile(all, 0.99), "ms");
                if (failures > 0) BenchOutput.Figure("write", "turn_failures", failures, "turns");
            });
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin.ConnectionString, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", CancellationToken.None);
        }
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static async Task PostAsync<T>(HttpClient http, string path, T command, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(path, command, json, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    private static async Task<bool> TryPostAsync<T>(HttpClient http, string path, T command, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.PostAsJsonAsync(path, command, json, cancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task<string> DurabilityAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT current_setting('fsync') || '/' || current_setting('synchronous_commit')", connection);
        return $"fsync/synchronous_commit = {await command.ExecuteScalarAsync(cancellationToken)}";
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
