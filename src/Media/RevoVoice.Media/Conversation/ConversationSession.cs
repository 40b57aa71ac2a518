using Microsoft.Extensions.Logging;
using RevoVoice.Media.Calls;
using RevoVoice.Media.Reporting;
using RevoVoice.Media.Speech.Recognition;
using RevoVoice.Media.Speech.Synthesis;
using RevoVoice.Media.Speech.Vad;
using RevoVoice.Telephony.Codecs;

namespace RevoVoice.Media.Conversation;

/// <summary>
/// Turn-taking on one call. Every 20 ms caller frame is upsampled to 16 kHz, scored by the VAD and, from the first
/// speech-like frame on (plus a pre-roll), streamed into a rented recognizer. When the caller has spoken over the bot
/// for <see cref="ConversationOptions.BargeInMinSpeech"/>, the bot's queued audio is flushed in the same frame tick;
/// shorter sounds (backchannels) let it go on. End of turn is the VAD's silence budget followed by the recognizer's
/// final result; the policy's answer is synthesized and streamed into the output queue while the caller is still
/// listened to, so a barge-in can cut it off and the new utterance gets its own answer.
/// </summary>
public sealed class ConversationSession
{
    private static readonly TimeSpan FrameDuration = TimeSpan.FromMilliseconds(20);
    private const int WideFrame = 320;

    private readonly MediaCall call;
    private readonly IConversationPolicy policy;
    private readonly ISpeechRecognizer recognizer;
    private readonly ISpeechSynthesizer synthesizer;
    private readonly IVoiceActivityDetectorFactory vadFactory;
    private readonly ICallReporter reporter;
    private readonly ConversationOptions options;
    private readonly VoicePersona persona;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly ConversationContext context;
    private readonly Upsampler8To16 upsampler = new();
    private readonly SpeechSegmenter segmenter;
    private readonly Queue<short[]> preRoll = new();
    private readonly int preRollFrames;
    private readonly Lock outputGate = new();

    private SpeechGrammar? expected;
    private IRecognitionStream? stream;
    private TimeSpan streamStart;
    private bool botWasTalkingAtOnset;
    private bool bargedIn;
    private Task speaking = Task.CompletedTask;
    private CancellationTokenSource? speakingCancellation;
    private bool hangUpAfterSpeaking;

    public ConversationSession(MediaCall call, IConversationPolicy policy, ISpeechRecognizer recognizer, ISpeechSynthesizer synthesizer,
        IVoiceActivityDetectorFactory vadFactory, ICallReporter reporter, ConversationOptions options, VadOptions.SegmentationSettings vad,
        VoicePersona persona, TimeProvider time, ILogger logger)
    {
        this.call = call;
        this.policy = policy;
        this.recognizer = recognizer;
        this.synthesizer = synthesizer;
        this.vadFactory = vadFactory;
        this.reporter = reporter;
        this.options = options;
        this.persona = persona;
        this.time = time;
        this.logger = logger;
        if (recognizer.SampleRate != 2 * AudioFrame.SampleRate)
            throw new ArgumentException($"the conversation feeds 16 kHz audio; the recognizer wants {recognizer.SampleRate} Hz", nameof(recognizer));
        segmenter = new SpeechSegmenter(new VadOptions.SegmentationSettings
        {
            Engine = vad.Engine, Threshold = vad.Threshold, ReleaseThreshold = vad.ReleaseThreshold,
            MinSpeech = vad.MinSpeech, MinSilence = options.EndOfTurnSilence,
        });
        preRollFrames = Math.Max(1, (int)(options.PreRoll / FrameDuration));
        context = new ConversationContext(call.Id, call.Info.Caller, call.Info.Callee);
    }

    /// <summary>Greets, then takes turns until the caller's audio ends or the call is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var detector = vadFactory.Create();
        try
        {
            var greeting = await policy.GreetAsync(context, cancellationToken).ConfigureAwait(false);
            var sinceInvite = time.GetUtcNow() - call.Info.StartedAt;
            Speak(greeting, time.GetTimestamp() - (long)(sinceInvite.TotalSeconds * time.TimestampFrequency), cancellationToken);

            var wide = new short[WideFrame];
            await foreach (var frame in call.Input.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                upsampler.Process(frame.Samples.Span, wide);
                var probability = detector.Process(wide);
                await OnFrameAsync(wide, segmenter.Push(probability, FrameDuration), cancellationToken).ConfigureAwait(false);
                if (hangUpAfterSpeaking && speaking.IsCompleted) break;
            }
            await speaking.ConfigureAwait(false);
            if (hangUpAfterSpeaking) await call.HangUpAsync(CallEndReason.PlatformHungUp, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The call ended.
        }
        finally
        {
            lock (outputGate) speakingCancellation?.Cancel();
            await speaking.ConfigureAwait(false);
            speakingCancellation?.Dispose();
            if (stream is not null) await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask OnFrameAsync(short[] wide, SpeechEvent speechEvent, CancellationToken cancellationToken)
    {
        var copy = (short[])wide.Clone();
        preRoll.Enqueue(copy);
        if (preRoll.Count > preRollFrames) preRoll.Dequeue();

        switch (speechEvent)
        {
            case SpeechEvent.CandidateStarted:
            case SpeechEvent.SpeechStarted when stream is null:
                await BeginUtteranceAsync(cancellationToken).ConfigureAwait(false);
                break;
            case SpeechEvent.CandidateDropped:
                await AbandonUtteranceAsync().ConfigureAwait(false);
                return;
            default:
                if (stream is not null) await stream.AcceptAsync(copy, cancellationToken).ConfigureAwait(false);
                break;
        }

        if (stream is null) return;
        if (segmenter.State == SpeechState.Speech && !bargedIn && BotIsTalking
            && segmenter.LastSpeech - segmenter.SpeechStart >= options.BargeInMinSpeech)
            BargeIn();

        var tooLong = segmenter.Position - segmenter.SpeechStart >= options.MaxUtterance;
        if (speechEvent == SpeechEvent.SpeechEnded || tooLong)
        {
            if (tooLong) segmenter.EndSpeech();
            await EndOfTurnAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private bool BotIsTalking => !speaking.IsCompleted || call.Output.IsPlaying;

    private async ValueTask BeginUtteranceAsync(CancellationToken cancellationToken)
    {
        if (stream is not null) await stream.DisposeAsync().ConfigureAwait(false);
        stream = await recognizer.StartAsync(new RecognitionRequest(expected), cancellationToken).ConfigureAwait(false);
        streamStart = segmenter.Position - preRoll.Count * FrameDuration;
        botWasTalkingAtOnset = BotIsTalking;
        bargedIn = false;
        foreach (var frame in preRoll) await stream.AcceptAsync(frame, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask AbandonUtteranceAsync()
    {
        if (stream is null) return;
        await stream.DisposeAsync().ConfigureAwait(false);
        stream = null;
    }

    private void BargeIn()
    {
        // Stop first, report after: the flush is what the caller hears. The gate keeps a frame the synthesizer has
        // just produced from slipping in behind the flush.
        var decidedAt = time.GetUtcNow();
        int dropped;
        lock (outputGate)
        {
            speakingCancellation?.Cancel();
            dropped = call.Output.Flush();
        }
        bargedIn = true;
        var atMs = (long)segmenter.Position.TotalMilliseconds;
        logger.LogDebug("call {CallId}: caller barged in at {AtMs} ms, {Frames} frames dropped", call.Id, atMs, dropped);
        reporter.Report(new CallerBargedInReport(call.Id, decidedAt, atMs));
    }

    private async ValueTask EndOfTurnAsync(CancellationToken cancellationToken)
    {
        var decidedAt = time.GetTimestamp();
        var current = stream!;
        stream = null;
        var result = await current.CompleteAsync(cancellationToken).ConfigureAwait(false);
        await current.DisposeAsync().ConfigureAwait(false);

        // A backchannel under the bot's speech is not a turn: the bot simply goes on.
        if (botWasTalkingAtOnset && !bargedIn && BotIsTalking) return;
        var spoken = segmenter.LastSpeech - segmenter.SpeechStart;
        if (result.IsEmpty && spoken < options.MinUnrecognizedUtterance) return;

        var turn = new ConversationTurn(Guid.NewGuid(), result.Text, result.Confidence,
            streamStart + result.Start, streamStart + (result.IsEmpty ? segmenter.LastSpeech - streamStart : result.End), bargedIn);
        if (!turn.IsEmpty)
            reporter.Report(new UtteranceRecognizedReport(call.Id, time.GetUtcNow(), turn.UtteranceId, turn.Text, turn.Confidence,
                (long)turn.Start.TotalMilliseconds, (long)turn.End.TotalMilliseconds));

        var reply = await policy.RespondAsync(context, turn, cancellationToken).ConfigureAwait(false);
        Speak(reply, decidedAt, cancellationToken);
    }

    /// <summary>Starts streaming a reply into the output queue; returns at once so listening goes on.</summary>
    private void Speak(ConversationReply reply, long decidedAt, CancellationToken cancellationToken)
    {
        var previousCancellation = speakingCancellation;
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lock (outputGate)
        {
            previousCancellation?.Cancel();
            call.Output.Flush();
            speakingCancellation = cancellation;
        }
        expected = reply.Expect;
        hangUpAfterSpeaking = reply.HangUp;
        var previous = speaking;
        speaking = Task.Run(async () =>
        {
            try
            {
                await previous.ConfigureAwait(false);
                previousCancellation?.Dispose();
                await PlayAsync(reply, decidedAt, cancellation.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                // Barged in or the call ended.
            }
            catch (Exception e)
            {
                logger.LogError(e, "call {CallId}: the bot's reply could not be played", call.Id);
            }
        }, CancellationToken.None);
    }

    private async Task PlayAsync(ConversationReply reply, long decidedAt, CancellationToken cancellationToken)
    {
        Task<bool>? firstSent = null;
        await foreach (var frame in synthesizer.SynthesizeAsync(new SpeechRequest(reply.Text, persona, reply.IsFixedPrompt), cancellationToken).ConfigureAwait(false))
        {
            long sequence;
            lock (outputGate)
            {
                cancellationToken.ThrowIfCancellationRequested();
                sequence = call.Output.Enqueue(frame.Samples.Span, endOfUtterance: false);
            }
            firstSent ??= call.Output.WhenSentAsync(sequence, cancellationToken);
        }
        lock (outputGate)
        {
            cancellationToken.ThrowIfCancellationRequested();
            call.Output.Enqueue([], endOfUtterance: true);
        }
        if (firstSent is null) return;
        if (await firstSent.ConfigureAwait(false))
        {
            var latency = time.GetElapsedTime(decidedAt);
            reporter.Report(new BotRespondedReport(call.Id, time.GetUtcNow(), reply.Text, (int)Math.Round(latency.TotalMilliseconds)));
        }
        await call.Output.WhenIdleAsync(cancellationToken).ConfigureAwait(false);
    }
}
