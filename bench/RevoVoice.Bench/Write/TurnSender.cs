using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RevoVoice.Bench.EventStore;
using RevoVoice.Contracts.Calls;
using Spectre.Console;

namespace RevoVoice.Bench.Write;

/// <summary>
/// The benchmark's media legs: each client owns its share of the live calls and posts their turns one after
/// another, either back to back or on a fixed schedule (open loop: a turn's latency counts from when it was due, so a
/// slow answer that delays the next turns shows in their latency too).
/// </summary>
internal sealed class TurnSender(HttpClient http, JsonSerializerOptions json, Guid[] calls, int clients)
{
    // Per client, so turn timings keep increasing across phases.
    private readonly long[] _turnNumbers = new long[clients];

    public async Task<TurnRun> RunAsync(ProgressTask task, TimeSpan warmup, TimeSpan duration, double? pacedRate,
        CpuMeter cpu, WriteServiceProcess service, CancellationToken cancellationToken)
    {
        task.MaxValue = (warmup + duration).TotalSeconds;
        var latencies = new List<(double AtSeconds, double Ms)>[clients];
        long turns = 0, failures = 0;
        var measuring = 0;
        var clock = Stopwatch.StartNew();
        var total = warmup + duration;
        var interval = pacedRate is { } rate ? TimeSpan.FromSeconds(clients / rate) : TimeSpan.Zero;

        var workers = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var mine = calls.Where((_, i) => i % clients == c).ToArray();
            var samples = latencies[c] = new List<(double, double)>(100_000);
            var due = interval * ((double)c / clients); // spreads the clients' schedules over one interval
            while (clock.Elapsed < total && !cancellationToken.IsCancellationRequested)
            {
                if (pacedRate is not null && due - clock.Elapsed is var wait && wait > TimeSpan.Zero)
                    await Task.Delay(wait, cancellationToken);
                var sentAt = pacedRate is null ? clock.Elapsed : due;
                due += interval;
                var n = _turnNumbers[c]++;
                var ok = await TryPostAsync(Turn(mine[n % mine.Length], n), cancellationToken);
                var latency = (clock.Elapsed - sentAt).TotalMilliseconds;
                if (Volatile.Read(ref measuring) == 0) continue;
                if (ok)
                {
                    samples.Add((sentAt.TotalSeconds, latency));
                    Interlocked.Increment(ref turns);
                }
                else Interlocked.Increment(ref failures);
            }
        }, cancellationToken)).ToArray();

        var all = Task.WhenAll(workers);
        TimeSpan measuredFrom = default, writeCpuFrom = default;
        CpuMeter.Sample? cpuFrom = null;
        while (!all.IsCompleted)
        {
            await Task.WhenAny(all, Task.Delay(250, cancellationToken));
            if (cpuFrom is null && clock.Elapsed >= warmup)
            {
                measuredFrom = clock.Elapsed;
                writeCpuFrom = service.ProcessorTime;
                cpuFrom = await cpu.SampleAsync(cancellationToken);
                Volatile.Write(ref measuring, 1);
            }
            task.Value = Math.Min(task.MaxValue, clock.Elapsed.TotalSeconds);
        }
        await all;
        task.Value = task.MaxValue;
        var measured = clock.Elapsed - measuredFrom;
        var writeCpu = (service.ProcessorTime - writeCpuFrom).TotalSeconds;
        var (client, postgres) = cpuFrom is null ? (0, 0) : CpuMeter.Between(cpuFrom, await cpu.SampleAsync(cancellationToken));
        var perTurn = 1000.0 / Math.Max(1, turns);
        var timed = latencies.SelectMany(l => l).ToArray();
        // Each second's p99, by when the turn was due: a steady queue and a few stalls give the same overall p99.
        var p99BySecond = timed.GroupBy(l => (int)(l.AtSeconds - measuredFrom.TotalSeconds)).Where(g => g.Key >= 0).OrderBy(g => g.Key)
            .Select(g => TurnRun.PercentileOf(g.Select(l => l.Ms).Order().ToArray(), 0.99)).ToArray();
        return new TurnRun(turns, failures, measured, timed.Select(l => l.Ms).Order().ToArray(),
            writeCpu * perTurn, postgres * perTurn, client * perTurn, p99BySecond);
    }

    // Time-ordered command ids, as Media's reports carry.
    private static RecordTurn Turn(Guid callId, long n) =>
        new(Guid.CreateVersion7(), callId, Guid.NewGuid(), Speaker.Caller, "I would like to check the balance of my account please",
            0.91, n * 3_000L, n * 3_000L + 2_400, new DetectedIntent("check_balance", 0.88, [new IntentEntity("account", "12345678")]),
            n % 3 == 0 ? new DetectedSentiment((n / 3) % 2 == 0 ? Sentiment.Negative : Sentiment.Positive, 0.5) : null);

    private async Task<bool> TryPostAsync(RecordTurn turn, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.PostAsJsonAsync("/calls/turns", turn, json, cancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
