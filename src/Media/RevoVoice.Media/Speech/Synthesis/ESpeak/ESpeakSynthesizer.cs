using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;

namespace RevoVoice.Media.Speech.Synthesis.ESpeak;

/// <summary>
/// espeak-ng in process. The library keeps one global engine, so every instance in the process (normally one DI
/// singleton; test hosts may make more) takes turns on it, one on a worker thread (5 s of speech takes ~10 ms) and streams its 22,050 Hz chunks, converted to
/// 8 kHz 20 ms frames, while the rest of the sentence is still being synthesized.
/// </summary>
public sealed class ESpeakSynthesizer : ISpeechSynthesizer, IDisposable
{
    /// <summary>espeak hands over audio in chunks of this length; small chunks mean an early first frame.</summary>
    private const int ChunkMilliseconds = 40;

    /// <summary>
    /// Static because the library's state is: one engine, one callback, one voice per process. Every instance
    /// synthesizes under this lock and sets its own callback and voice inside it.
    /// </summary>
    private static readonly SemaphoreSlim Engine = new(1, 1);

    private static int nativeRate;

    private static object? voiceOwner;

    private readonly ESpeakNative.SynthCallback callback;
    private ChannelWriter<short[]>? current;
    private CancellationToken currentCancellation;
    private VoicePersona? currentPersona;
    private bool disposed;

    public unsafe ESpeakSynthesizer() => callback = OnAudio;

    public async IAsyncEnumerable<SpeechFrame> SynthesizeAsync(SpeechRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var chunks = Channel.CreateUnbounded<short[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var synthesis = Task.Run(() => Synthesize(request, chunks.Writer, stop.Token), CancellationToken.None);
        try
        {
            RateConverter? converter = null;
            var pending = new List<short>(SpeechFrame.SamplesPerFrame * 4);
            await foreach (var chunk in chunks.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                converter ??= new RateConverter(nativeRate, SpeechFrame.SampleRate);
                converter.Process(chunk, pending);
                foreach (var frame in TakeFrames(pending)) yield return frame;
            }
            await synthesis.ConfigureAwait(false);
            if (converter is null) yield break;
            converter.Complete(pending);
            foreach (var frame in TakeFrames(pending)) yield return frame;
            if (pending.Count > 0)
            {
                var last = new short[SpeechFrame.SamplesPerFrame];
                pending.CopyTo(last);
                yield return new SpeechFrame(last);
            }
        }
        finally
        {
            // A consumer that stops early (barge-in) aborts the rest of the sentence.
            stop.Cancel();
            await synthesis.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    private static IEnumerable<SpeechFrame> TakeFrames(List<short> pending)
    {
        var whole = pending.Count / SpeechFrame.SamplesPerFrame;
        for (var i = 0; i < whole; i++)
            yield return new SpeechFrame(pending.GetRange(i * SpeechFrame.SamplesPerFrame, SpeechFrame.SamplesPerFrame).ToArray());
        pending.RemoveRange(0, whole * SpeechFrame.SamplesPerFrame);
    }

    private async Task Synthesize(SpeechRequest request, ChannelWriter<short[]> writer, CancellationToken cancellationToken)
    {
        try
        {
            await Engine.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            writer.TryComplete(e);
            return;
        }
        try
        {
            EnsureInitialized();
            ESpeakNative.espeak_SetSynthCallback(Marshal.GetFunctionPointerForDelegate(callback));
            Apply(request.Persona);
            current = writer;
            currentCancellation = cancellationToken;
            var text = Encoding.UTF8.GetBytes(request.Text + "\0");
            var result = ESpeakNative.espeak_Synth(text, (nuint)text.Length, 0, ESpeakNative.PositionCharacter, 0, ESpeakNative.CharsUtf8, IntPtr.Zero, IntPtr.Zero);
            if (result != 0 && !cancellationToken.IsCancellationRequested)
                throw new SpeechSynthesisException($"espeak-ng failed to synthesize (error {result})");
            writer.TryComplete();
        }
        catch (Exception e)
        {
            writer.TryComplete(e);
        }
        finally
        {
            current = null;
            Engine.Release();
        }
    }

    private static void EnsureInitialized()
    {
        if (nativeRate > 0) return;
        var rate = ESpeakNative.espeak_Initialize(ESpeakNative.AudioOutputSynchronous, ChunkMilliseconds, null, 0);
        if (rate <= 0) throw new SpeechSynthesisException("espeak-ng could not start (Debian packages espeak-ng, libespeak-ng1)");
        nativeRate = rate;
    }

    private void Apply(VoicePersona persona)
    {
        if (persona == currentPersona && voiceOwner == this) return;
        if (ESpeakNative.espeak_SetVoiceByName(persona.Voice) != 0)
            throw new SpeechSynthesisException($"espeak-ng has no voice '{persona.Voice}' (persona {persona.Name})");
        ESpeakNative.espeak_SetParameter(ESpeakNative.ParameterRate, Math.Clamp(persona.WordsPerMinute, 80, 450), 0);
        ESpeakNative.espeak_SetParameter(ESpeakNative.ParameterPitch, Math.Clamp(persona.Pitch, 0, 100), 0);
        currentPersona = persona;
        voiceOwner = this;
    }

    /// <summary>Called by espeak on the synthesizing thread; returning 1 aborts the sentence.</summary>
    private unsafe int OnAudio(short* wav, int samples, IntPtr events)
    {
        if (currentCancellation.IsCancellationRequested) return 1;
        if (wav == null || samples <= 0 || current is null) return 0;
        current.TryWrite(new ReadOnlySpan<short>(wav, samples).ToArray());
        return 0;
    }

    /// <summary>Stops new requests; the native engine stays up for the process (other instances may use it).</summary>
    public void Dispose() => disposed = true;
}
