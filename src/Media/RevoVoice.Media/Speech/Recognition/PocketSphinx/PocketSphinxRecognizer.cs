using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace RevoVoice.Media.Speech.Recognition.PocketSphinx;

/// <summary>
/// pocketsphinx through P/Invoke: the en-us acoustic model, a JSGF search per domain grammar and the general en-us
/// language model for free speech. Owns the decoder pool; disposing the recognizer frees every idle decoder, and a
/// stream still open frees its decoder when it is disposed.
/// </summary>
public sealed class PocketSphinxRecognizer : ISpeechRecognizer, IDisposable
{
    private readonly PocketSphinxOptions options;
    private readonly PocketSphinxDecoderPool pool;
    private readonly Lazy<PronunciationDictionary> dictionary;
    private readonly ConcurrentDictionary<string, JsgfGrammarBuilder.CompiledGrammar> grammars = new(StringComparer.Ordinal);

    public PocketSphinxRecognizer(IOptions<PocketSphinxOptions> options)
    {
        this.options = options.Value;
        pool = new PocketSphinxDecoderPool(this.options);
        dictionary = new Lazy<PronunciationDictionary>(() => PronunciationDictionary.Load(this.options.DictionaryPath));
    }

    public int SampleRate => 16_000;

    /// <summary>Decoders loaded so far.</summary>
    public int LoadedDecoders => pool.Loaded;

    /// <summary>Loads <see cref="PocketSphinxOptions.WarmDecoders"/> decoders (or <paramref name="count"/>) ahead of the first call.</summary>
    public void WarmUp(int? count = null)
    {
        _ = dictionary.Value;
        pool.WarmUp(count ?? options.WarmDecoders);
    }

    public async ValueTask<IRecognitionStream> StartAsync(RecognitionRequest request, CancellationToken cancellationToken)
    {
        var grammar = request.Grammar is null ? null : Compile(request.Grammar);
        var decoder = await pool.RentAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            decoder.Begin(grammar);
            return new PocketSphinxStream(decoder, pool, options.PartialResultInterval);
        }
        catch
        {
            pool.Return(decoder);
            throw;
        }
    }

    /// <summary>Compiles a grammar without decoding, to reject a dialogue's phrases when it is loaded rather than mid-call.</summary>
    public void Validate(SpeechGrammar grammar) => Compile(grammar);

    private JsgfGrammarBuilder.CompiledGrammar Compile(SpeechGrammar grammar) =>
        grammars.GetOrAdd($"{grammar.Name}\n{string.Join('\n', grammar.Phrases)}", _ => JsgfGrammarBuilder.Build(grammar, dictionary.Value));

    public void Dispose() => pool.Dispose();
}
