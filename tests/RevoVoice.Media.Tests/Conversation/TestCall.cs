using System.Collections.Concurrent;
using System.Threading.Channels;
using RevoVoice.Media.Calls;
using RevoVoice.Telephony.Codecs;
using RevoVoice.Telephony.Dtmf;
using RevoVoice.Telephony.Rtp;

namespace RevoVoice.Media.Tests.Conversation;

/// <summary>
/// A <see cref="MediaCall"/> without SIP, as Calls/SEAM.md describes: the test writes the caller's 20 ms frames and a
/// paced sender drains the output queue every 20 ms like the RTP sender, logging each tick (sent or silent).
/// </summary>
internal sealed class TestCall : IMediaCallControl, IAsyncDisposable
{
    private readonly Channel<AudioFrame> input = Channel.CreateUnbounded<AudioFrame>();
    private readonly Channel<DtmfEvent> dtmf = Channel.CreateUnbounded<DtmfEvent>();
    private readonly CancellationTokenSource ended = new();
    private readonly Task sender;
    private uint timestamp;

    public TestCall(TimeSpan senderTick)
    {
        Output = new AudioOutputQueue();
        Call = new MediaCall(new CallInfo(Guid.NewGuid(), $"{Guid.NewGuid():N}@test", "sip:caller@127.0.0.1", "sip:bot@127.0.0.1", DateTimeOffset.UtcNow),
            input.Reader, Output, dtmf.Reader, this, ended.Token);
        sender = Task.Run(() => SendAsync(senderTick));
    }

    public MediaCall Call { get; }

    public AudioOutputQueue Output { get; }

    /// <summary>One entry per sender tick: when it ran and whether a bot frame went out.</summary>
    public ConcurrentQueue<(DateTimeOffset At, bool Sent)> Ticks { get; } = new();

    public bool HungUp { get; private set; }

    public CancellationToken Ended => ended.Token;

    /// <summary>Queues caller audio (8 kHz) as 20 ms frames, padding the last one.</summary>
    public void Say(ReadOnlySpan<short> narrowband)
    {
        for (var offset = 0; offset < narrowband.Length; offset += AudioFrame.SamplesPerFrame)
        {
            var frame = new short[AudioFrame.SamplesPerFrame];
            narrowband.Slice(offset, Math.Min(AudioFrame.SamplesPerFrame, narrowband.Length - offset)).CopyTo(frame);
            Write(frame);
        }
    }

    public void Silence(TimeSpan duration)
    {
        for (var i = 0; i < duration / AudioFrame.Duration; i++) Write(new short[AudioFrame.SamplesPerFrame]);
    }

    /// <summary>Caller audio at the pace a phone sends it (one frame per 20 ms).</summary>
    public async Task SayInRealTimeAsync(short[] narrowband, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(AudioFrame.Duration);
        for (var offset = 0; offset < narrowband.Length; offset += AudioFrame.SamplesPerFrame)
        {
            var frame = new short[AudioFrame.SamplesPerFrame];
            narrowband.AsSpan(offset, Math.Min(AudioFrame.SamplesPerFrame, narrowband.Length - offset)).CopyTo(frame);
            Write(frame);
            await timer.WaitForNextTickAsync(cancellationToken);
        }
    }

    private void Write(short[] frame)
    {
        input.Writer.TryWrite(new AudioFrame(frame, timestamp, DateTimeOffset.UtcNow, Concealed: false));
        timestamp += AudioFrame.SamplesPerFrame;
    }

    public void EndInput() => input.Writer.TryComplete();

    private async Task SendAsync(TimeSpan tick)
    {
        try
        {
            using var timer = new PeriodicTimer(tick);
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

    public Task HangUpAsync(CallEndReason reason, CancellationToken cancellationToken)
    {
        HungUp = true;
        EndReason = reason;
        return Task.CompletedTask;
    }

    public Task<bool> TransferAsync(string targetUri, CancellationToken cancellationToken) => Task.FromResult(false);

    public void StartRecording() { }

    public RtpStreamStatistics Statistics => RtpStreamStatistics.Empty;

    public CallEndReason? EndReason { get; private set; }

    public async ValueTask DisposeAsync()
    {
        input.Writer.TryComplete();
        await ended.CancelAsync();
        await sender;
        ended.Dispose();
    }
}
