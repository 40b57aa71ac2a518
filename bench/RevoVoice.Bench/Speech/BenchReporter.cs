using System.Collections.Concurrent;
using RevoVoice.Media.Reporting;

namespace RevoVoice.Bench.Speech;

/// <summary>Collects the reports conversations send to Write, instead of sending them.</summary>
internal sealed class BenchReporter : ICallReporter
{
    public ConcurrentQueue<CallReport> Reports { get; } = new();

    public void Report(CallReport report) => Reports.Enqueue(report);

    public IEnumerable<T> Of<T>() where T : CallReport => Reports.OfType<T>();
}
