using System.Collections.Concurrent;
using System.Threading.Channels;
using RevoVoice.Media.Calls;
using RevoVoice.Telephony.Codecs;
using RevoVoice.Telephony.Dtmf;
using RevoVoice.Telephony.Rtp;

namespace RevoVoice.Bench.Speech;

/// <summary>
/// A call through the MediaCall seam: the caller's frames are written by the benchmark's clock and a paced sender
/// takes one bot frame per 20 ms, like the RTP sender, logging when each tick ran and whether it sent audio.
/// </summary>
internal sealed class BenchCall : IMediaCallControl, IAsyncDisposable
{
    private readonly Channel<AudioFrame> input = Channel.CreateUnbounded<AudioFrame>();
    private readonly CancellationTokenSource ended = new();
    private readonly Task sender;
    private uint timestamp;
    private int maxBacklog;

    public BenchCall(DateTimeOffset startedAt)
    {
        Output = new AudioOutputQueue();
        Call = new MediaCall(new CallInfo(Guid.NewGuid(), $"{Guid.NewGuid():N}@bench", "sip:caller@127.0.0.1", "sip:bot@127.0.0.1", startedAt),
            input.Reader, Output, Channel.CreateUnbounded<DtmfEvent>().Reader, this, ended.Token);
        sender = Task.Run(SendAsync);
    }

    public MediaCall Call { get; }

    public AudioOutputQueue Output { get; }

    public ConcurrentQueue<(DateTimeOffset At, bool Sent)> Ticks { get; } = new();

    /// <summary>The most caller frames that were ever waiting for the application (20 ms each).</summary>
    public int MaxBacklog => Volatile.Read(ref maxBacklog);

    /// <summary>The waiting caller frames seen at each tick of the benchmark's clock.</summary>
    public List<int> Backlog { get; } = [];

    /// <summary>Notes how many earlier frames the application has not consumed yet; call before each tick's writes.</summary>
    public void MeasureBacklog()
    {
        var backlog = input.Reader.Count;
        Backlog.Add(backlog);
        if (backlog > maxBacklog) Volatile.Write(ref maxBacklog, backlog);
    }

    public void Write(ReadOnlySpan<short> frame)
    {
        input.Writer.TryWrite(new AudioFrame(frame.ToArray(), timestamp, DateTimeOffset.UtcNow, Concealed: false));
        timestamp += AudioFrame.SamplesPerFrame;
    }

    private async Task SendAsync()
    {
        try
        {
            using var timer = new PeriodicTimer(AudioFrame.Duration);
            while (await timer.WaitForNextTickAsync(ended.Token))
            {
                var sent = Output.TryDequeue(out _, out var sequence);
                if (sent) Output.MarkSent(sequence);
                Ticks.Enqueue((DateTimeOffset.UtcNow, sent));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public Task HangUpAsync(CallEndReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<bool> TransferAsync(string targetUri, CancellationToken cancellationToken) => Task.FromResult(false);

    public void StartRecording() { }

    public RtpStreamStatistics Statistics => RtpStreamStatistics.Empty;

    public CallEndReason? EndReason => null;

    public async ValueTask DisposeAsync()
    {
        input.Writer.TryComplete();
        await ended.CancelAsync();
        await sender;
        ended.Dispose();
    }
}
