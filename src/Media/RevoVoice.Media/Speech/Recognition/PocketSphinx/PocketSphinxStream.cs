namespace RevoVoice.Media.Speech.Recognition.PocketSphinx;

/// <summary>One utterance on a rented decoder. Decoding is synchronous and short (a few ms per 20 ms frame).</summary>
internal sealed class PocketSphinxStream(PocketSphinxDecoder decoder, PocketSphinxDecoderPool pool, TimeSpan partialInterval)
    : IRecognitionStream
{
    private const int SamplesPerSecond = 16_000;
    private readonly long partialEverySamples = Math.Max(1, (long)(partialInterval.TotalSeconds * SamplesPerSecond));
    private long samplesFed;
    private long nextPartialAt;
    private string lastPartial = "";
    private bool done;

    public ValueTask<RecognitionResult?> AcceptAsync(ReadOnlyMemory<short> samples, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(done, this);
        decoder.Process(samples.Span);
        samplesFed += samples.Length;
        if (samplesFed < nextPartialAt) return ValueTask.FromResult<RecognitionResult?>(null);
        nextPartialAt = samplesFed + partialEverySamples;

        var text = decoder.Hypothesis();
        if (text == lastPartial) return ValueTask.FromResult<RecognitionResult?>(null);
        lastPartial = text;
        return ValueTask.FromResult<RecognitionResult?>(
            new RecognitionResult(text, IsFinal: false, TimeSpan.Zero, Elapsed, Confidence: 0, Words: []));
    }

    public ValueTask<RecognitionResult> CompleteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(done, this);
        done = true;
        try
        {
            var (text, words, confidence) = decoder.End();
            var start = words.Count > 0 ? words[0].Start : TimeSpan.Zero;
            var end = words.Count > 0 ? words[^1].End : Elapsed;
            return ValueTask.FromResult(new RecognitionResult(text, IsFinal: true, start, end, confidence, words));
        }
        finally
        {
            pool.Return(decoder);
        }
    }

    public ValueTask DisposeAsync()
    {
        if (!done)
        {
            done = true;
            pool.Return(decoder);
        }
        return ValueTask.CompletedTask;
    }

    private TimeSpan Elapsed => TimeSpan.FromSeconds((double)samplesFed / SamplesPerSecond);
}
