using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;
using RevoVoice.Bench.EventStore;
using RevoVoice.Contracts.Calls;
using RevoVoice.Contracts.Serialization;
using RevoVoice.ServiceDefaults.Auth;
using Spectre.Console;

namespace RevoVoice.Bench.Write;

/// <summary>
/// <c>./revovoice bench write [seconds] [paced turns/s]</c>: 50 concurrent clients send conversation turns (utterance + intent, and a
/// sentiment change every third turn) to 500 live calls over HTTP; each client owns 10 calls and sends their turns
/// one after another, as a media leg does. Two phases: as fast as the clients can go (the throughput, and the CPU a
/// turn costs), then paced at the target's 2,000 turns/s offered load (the latency a turn sees at that load: with 50
/// clients sending back to back, Little's law ties latency to throughput, mean = 50 / rate, so a saturated run
/// cannot tell how fast a turn is at a given load).
/// </summary>
public static class WriteBenchmark
{
    private const int Clients = 50;
    private const int LiveCalls = 500;
    private const double TargetRate = 2_000;
    // The service's tiered JIT is still busy for the first 20-30 s under this load (perf: a quarter of its CPU at 15 s,
    // under 1% at 55 s), so a short warm-up measures the JIT rather than the steady state.
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(25);

    public static async Task RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var seconds = settings.Arguments.Count > 0 && int.TryParse(settings.Arguments[0], out var s) ? s : 20;
        var pacedRate = settings.Arguments.Count > 1 && double.TryParse(settings.Arguments[1], out var r) ? r : TargetRate;
        var database = $"rv_bench_write_{Guid.NewGuid():N}";
        var admin = new NpgsqlConnectionStringBuilder(settings.PostgresAdminConnectionString);
        await ExecuteAsync(admin.ConnectionString, $"CREATE DATABASE \"{database}\"", cancellationToken);
        try
        {
            var (databaseSettings, writebackWarning) = await DatabaseWriteback.InspectAsync(admin.ConnectionString, cancellationToken);
            using var hostWriteback = HostWriteback.SmoothForRun();
            var connectionString = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = database, MaxPoolSize = 100 }.ConnectionString;
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
            await using var service = await WriteServiceProcess.StartAsync(settings.RepositoryRoot, connectionString, key, cancellationToken);

            AnsiConsole.MarkupLine($"[grey]write service: Release build, own process, Kestrel on {service.Address}; {Markup.Escape(databaseSettings)} on {admin.Host}:{admin.Port}, the same machine; {Markup.Escape(hostWriteback.Settings)}[/]");
            AnsiConsole.MarkupLine($"[grey]{Clients} media legs (keep-alive HTTP/1.1 connections, one load-generator thread), {LiveCalls} live calls, turns = utterance + intent (+ sentiment change every 3rd), {Warmup.TotalSeconds:0} s warm-up, {seconds} s measured[/]");
            AnsiConsole.MarkupLine("[grey]figures measured while other work shares the 2 cores are depressed by it[/]");
            foreach (var warning in new[] { writebackWarning, hostWriteback.Warning }.OfType<string>())
                AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(warning)}[/]");

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
            await using var statistics = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 2 }.ConnectionString);
            var cpu = new CpuMeter(statistics, database);
            await AnsiConsole.Progress().StartAsync(async progress =>
            {
                var setup = progress.AddTask("starting and answering 500 calls", maxValue: LiveCalls);
                await Parallel.ForEachAsync(calls.Select((c, i) => (c, i)), new ParallelOptions { MaxDegreeOfParallelism = Clients, CancellationToken = cancellationToken },
                    async (item, ct) =>
                    {
                        await PostAsync(http, "/calls", new StartCall(Guid.CreateVersion7(), item.c, $"+4420{item.i:D8}", "+442000000000"), json, ct);
                        await PostAsync(http, "/calls/answer", new AnswerCall(Guid.CreateVersion7(), item.c), json, ct);
                        setup.Increment(1);
                    });

                var endpoint = new IPEndPoint(IPAddress.Loopback, service.Address.Port);
                using var turns = new TurnSender(() => new TurnConnection(endpoint, service.Address.Authority, token, json), calls, Clients);
                var saturated = await turns.RunAsync(progress.AddTask($"as fast as possible ({Warmup.TotalSeconds:0} s warm-up + {seconds} s)"),
                    Warmup, TimeSpan.FromSeconds(seconds), pacedRate: null, cpu, service, cancellationToken);
                var maintenanceBefore = await LogMaintenance.SampleAsync(statistics, cancellationToken);
                var pressure = CpuPressure.Start();
                var paced = await turns.RunAsync(progress.AddTask($"paced at {pacedRate:N0} turns/s ({seconds} s)"),
                    TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(seconds), pacedRate, cpu, service, cancellationToken);
                var stalledShare = pressure?.StalledShare();
                var maintenance = LogMaintenance.During(maintenanceBefore, await LogMaintenance.SampleAsync(statistics, cancellationToken));

                AnsiConsole.MarkupLine($"[grey]as fast as possible: {saturated.Describe()}[/]");
                AnsiConsole.MarkupLine($"[grey]  {saturated.DescribeCpu()} -> CPU-bound ceiling on 2 idle cores ~{2000 / (saturated.WriteCpuMs + saturated.PostgresCpuMs + saturated.ClientCpuMs):N0} turns/s[/]");
                AnsiConsole.MarkupLine($"[grey]paced at {pacedRate:N0} turns/s offered (latency from each turn's scheduled send time): {paced.Describe()}[/]");
                AnsiConsole.MarkupLine($"[grey]  {paced.DescribeCpu()}[/]");
                if (stalledShare is { } share)
                    AnsiConsole.MarkupLine($"[grey]  some task waited for a core {share * 100:0}% of the paced phase (/proc/pressure/cpu): the turns' wake-ups queue behind each other[/]");
                if (maintenance is not null)
                    AnsiConsole.MarkupLine($"[yellow]{maintenance} of the event log ran during the paced phase: its page writes and reads shared the disk and the cores with the commits[/]");
                AnsiConsole.Write(new BarChart().Width(80).Label("[grey]paced: p99 latency (ms) of the turns due in each second[/]")
                    .AddItems(paced.P99BySecondMs.Select((ms, second) => new BarChartItem($"{second,2} s", Math.Round(ms, 1), ms <= 25 ? Color.Green : Color.Red))));
                BenchOutput.Figure("write", "turns_per_s", saturated.TurnsPerSecond, "turns/s");
                BenchOutput.Figure("write", "turn_p99_ms", paced.Percentile(0.99), "ms");
                BenchOutput.Figure("write", "turn_p50_ms", paced.Percentile(0.50), "ms");
                BenchOutput.Figure("write", "paced_turns_per_s", paced.TurnsPerSecond, "turns/s");
                BenchOutput.Figure("write", "saturated_turn_p99_ms", saturated.Percentile(0.99), "ms");
                BenchOutput.Figure("write", "turn_cpu_ms", saturated.WriteCpuMs + saturated.PostgresCpuMs, "ms");
                if (saturated.Failures + paced.Failures > 0) BenchOutput.Figure("write", "turn_failures", saturated.Failures + paced.Failures, "turns");
            });
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin.ConnectionString, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", CancellationToken.None);
        }
    }

    private static async Task PostAsync<T>(HttpClient http, string path, T command, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(path, command, json, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
