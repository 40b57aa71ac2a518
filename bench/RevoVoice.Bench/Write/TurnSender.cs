using RevoVoice.Bench.EventStore;
using Spectre.Console;

namespace RevoVoice.Bench.Write;

/// <summary>
/// The benchmark's media legs: each owns its share of the live calls and one keep-alive connection, and posts their
/// turns one after another, either back to back or on a fixed schedule (see <see cref="TurnPhase"/>).
/// </summary>
internal sealed class TurnSender(Func<TurnConnection> connect, Guid[] calls, int legs) : IDisposable
{
    private readonly TurnConnection[] _connections = Enumerable.Range(0, legs).Select(_ => connect()).ToArray();
    private readonly Guid[][] _callsOfLeg = Enumerable.Range(0, legs).Select(leg => calls.Where((_, i) => i % legs == leg).ToArray()).ToArray();
    // Per leg, so turn timings keep increasing across phases.
    private readonly long[] _turnNumbers = new long[legs];

    public async Task<TurnRun> RunAsync(ProgressTask task, TimeSpan warmup, TimeSpan duration, double? pacedRate,
        CpuMeter cpu, WriteServiceProcess service, CancellationToken cancellationToken)
    {
        task.MaxValue = (warmup + duration).TotalSeconds;
        var phase = new TurnPhase(_connections, _callsOfLeg, _turnNumbers, warmup + duration, pacedRate);
        var run = RunOnOwnThread(() => phase.Run(cancellationToken));

        TimeSpan measuredFrom = default, writeCpuFrom = default;
        CpuMeter.Sample? cpuFrom = null;
        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(250, cancellationToken));
            if (cpuFrom is null && phase.Elapsed >= warmup)
            {
                measuredFrom = phase.Elapsed;
                writeCpuFrom = service.ProcessorTime;
                cpuFrom = await cpu.SampleAsync(cancellationToken);
                phase.StartMeasuring();
            }
            task.Value = Math.Min(task.MaxValue, phase.Elapsed.TotalSeconds);
        }
        await run;
        task.Value = task.MaxValue;
        var measured = phase.Elapsed - measuredFrom;
        var writeCpu = (service.ProcessorTime - writeCpuFrom).TotalSeconds;
        var (client, postgres) = cpuFrom is null ? (0, 0) : CpuMeter.Between(cpuFrom, await cpu.SampleAsync(cancellationToken));
        var perTurn = 1000.0 / Math.Max(1, phase.Turns);
        var timed = phase.Latencies.ToArray();
        // Each second's p99, by when the turn was due: a steady queue and a few stalls give the same overall p99.
        var p99BySecond = timed.GroupBy(l => (int)(l.AtSeconds - measuredFrom.TotalSeconds)).Where(g => g.Key >= 0).OrderBy(g => g.Key)
            .Select(g => TurnRun.PercentileOf(g.Select(l => l.Ms).Order().ToArray(), 0.99)).ToArray();
        return new TurnRun(phase.Turns, phase.Failures, measured, timed.Select(l => l.Ms).Order().ToArray(),
            writeCpu * perTurn, postgres * perTurn, client * perTurn, p99BySecond);
    }

    private static Task RunOnOwnThread(Action loop)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() =>
        {
            try
            {
                loop();
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }) { IsBackground = true, Name = "bench media legs" }.Start();
        return done.Task;
    }

    public void Dispose()
    {
        foreach (var connection in _connections) connection.Dispose();
    }
}
