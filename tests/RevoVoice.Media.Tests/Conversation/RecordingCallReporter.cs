using System.Collections.Concurrent;
using RevoVoice.Media.Reporting;

namespace RevoVoice.Media.Tests.Conversation;

/// <summary>Keeps what a call application reported, in order, and lets a test wait for a kind of report.</summary>
internal sealed class RecordingCallReporter : ICallReporter
{
    private readonly ConcurrentQueue<CallReport> reports = new();
    private readonly SemaphoreSlim arrived = new(0);

    public IReadOnlyList<CallReport> Reports => [.. reports];

    public void Report(CallReport report)
    {
        reports.Enqueue(report);
        arrived.Release();
    }

    public IReadOnlyList<T> Of<T>() where T : CallReport => reports.OfType<T>().ToList();

    public async Task<T> WaitForAsync<T>(int count, TimeSpan timeout) where T : CallReport
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (true)
        {
            var found = Of<T>();
            if (found.Count >= count) return found[count - 1];
            try
            {
                await arrived.WaitAsync(cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no {typeof(T).Name} #{count} within {timeout}; reports so far: {string.Join(", ", reports.Select(r => r.GetType().Name))}");
            }
        }
    }
}
