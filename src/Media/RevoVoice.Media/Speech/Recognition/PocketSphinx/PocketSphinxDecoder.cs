using System.Runtime.InteropServices;

namespace RevoVoice.Media.Speech.Recognition.PocketSphinx;

/// <summary>
/// One loaded native decoder. Not thread-safe: the pool lends it to one stream at a time. Grammar searches are
/// compiled once per decoder and kept, so a dialogue step's grammar costs nothing after its first use.
/// </summary>
internal sealed class PocketSphinxDecoder : IDisposable
{
    /// <summary>pocketsphinx's name for the search built from <c>-lm</c>.</summary>
    private const string DefaultSearch = "_default";

    private readonly DecoderHandle handle;
    private readonly HashSet<string> searches = [];
    private string activeSearch = DefaultSearch;

    private PocketSphinxDecoder(DecoderHandle handle) => this.handle = handle;

    public bool InUtterance { get; private set; }

    public static PocketSphinxDecoder Load(PocketSphinxOptions options)
    {
        foreach (var path in new[] { options.AcousticModelPath, options.DictionaryPath, options.LanguageModelPath })
            if (!Path.Exists(path))
                throw new SpeechEngineException($"pocketsphinx model file not found: {path} (Debian package pocketsphinx-en-us)");

        var arguments = new Dictionary<string, string>
        {
            ["-hmm"] = options.AcousticModelPath,
            ["-dict"] = options.DictionaryPath,
            ["-lm"] = options.LanguageModelPath,
        };
        // pocketsphinx reads the model's feat.params after the arguments and lets it win, so a different starting
        // point for the (live, carried-over) cepstral mean normalisation goes into a copy of that file.
        if (!string.IsNullOrWhiteSpace(options.CepstralMeanInit))
            arguments["-featparams"] = FeatureParameters.WithCepstralMeanInit(options.AcousticModelPath, options.CepstralMeanInit);
        foreach (var (name, value) in options.ExtraArguments) arguments[name] = value;

        // sphinxbase logs through one process-wide FILE*. `-logfn` would make every ps_init open a new one and fclose the
        // old one while other decoders may be writing to it (a use-after-free that corrupts the heap), so logging is
        // switched off once, process-wide, and no decoder names a log file.
        PocketSphinxNative.err_set_logfp(IntPtr.Zero);
        var argv = arguments.SelectMany(a => new[] { a.Key, a.Value }).Select(Marshal.StringToCoTaskMemUTF8).ToArray();
        try
        {
            var config = PocketSphinxNative.cmd_ln_parse_r(IntPtr.Zero, PocketSphinxNative.ps_args(), argv.Length, argv, 1);
            if (config == IntPtr.Zero)
                throw new SpeechEngineException($"pocketsphinx rejected its arguments: {string.Join(' ', arguments.Select(a => $"{a.Key} {a.Value}"))}");
            try
            {
                var handle = PocketSphinxNative.ps_init(config);
                if (handle.IsInvalid)
                {
                    handle.Dispose();
                    throw new SpeechEngineException($"pocketsphinx could not load the model {options.AcousticModelPath}");
                }
                return new PocketSphinxDecoder(handle);
            }
            finally
            {
                // ps_init keeps its own reference to the configuration.
                PocketSphinxNative.cmd_ln_free_r(config);
            }
        }
        finally
        {
            foreach (var p in argv) Marshal.FreeCoTaskMem(p);
        }
    }

    public void Begin(JsgfGrammarBuilder.CompiledGrammar? grammar)
    {
        var search = grammar?.SearchName ?? DefaultSearch;
        if (grammar is not null && searches.Add(grammar.SearchName)
            && PocketSphinxNative.ps_set_jsgf_string(handle, grammar.SearchName, grammar.Jsgf) < 0)
        {
            searches.Remove(grammar.SearchName);
            throw new SpeechGrammarException(grammar.SearchName, "pocketsphinx could not compile the grammar", []);
        }
        if (search != activeSearch)
        {
            if (PocketSphinxNative.ps_set_search(handle, search) < 0)
                throw new SpeechEngineException($"pocketsphinx could not switch to search {search}");
            activeSearch = search;
        }
        if (PocketSphinxNative.ps_start_utt(handle) < 0)
            throw new SpeechEngineException("pocketsphinx could not start an utterance");
        InUtterance = true;
    }

    public unsafe void Process(ReadOnlySpan<short> samples)
    {
        fixed (short* data = samples)
        {
            if (PocketSphinxNative.ps_process_raw(handle, data, (nuint)samples.Length, 0, 0) < 0)
                throw new SpeechEngineException("pocketsphinx failed to process audio");
        }
    }

    public string Hypothesis()
    {
        var text = PocketSphinxNative.ps_get_hyp(handle, out _);
        return text == IntPtr.Zero ? "" : Marshal.PtrToStringUTF8(text) ?? "";
    }

    /// <summary>Ends the utterance; returns its words (fillers and silences left out) and the utterance posterior.</summary>
    public (string Text, IReadOnlyList<RecognizedWord> Words, double Confidence) End()
    {
        InUtterance = false;
        if (PocketSphinxNative.ps_end_utt(handle) < 0)
            throw new SpeechEngineException("pocketsphinx could not end the utterance");
        var text = Hypothesis();
        if (text.Length == 0) return ("", [], 0);

        var logmath = PocketSphinxNative.ps_get_logmath(handle);
        var confidence = Math.Clamp(PocketSphinxNative.logmath_exp(logmath, PocketSphinxNative.ps_get_prob(handle)), 0, 1);
        var words = new List<RecognizedWord>();
        for (var segment = PocketSphinxNative.ps_seg_iter(handle); segment != IntPtr.Zero; segment = PocketSphinxNative.ps_seg_next(segment))
        {
            var word = Marshal.PtrToStringUTF8(PocketSphinxNative.ps_seg_word(segment)) ?? "";
            if (IsFiller(word)) continue;
            PocketSphinxNative.ps_seg_frames(segment, out var start, out var end);
            var posterior = PocketSphinxNative.ps_seg_prob(segment, out _, out _, out _);
            words.Add(new RecognizedWord(StripVariant(word), Frames(start), Frames(end + 1),
                Math.Clamp(PocketSphinxNative.logmath_exp(logmath, posterior), 0, 1)));
        }
        return (text, words, confidence);
    }

    /// <summary>Abandons an utterance so the decoder goes back to the pool clean.</summary>
    public void Abandon()
    {
        if (!InUtterance) return;
        InUtterance = false;
        PocketSphinxNative.ps_end_utt(handle);
    }

    public void Dispose() => handle.Dispose();

    /// <summary>The decoder's frame rate is 100 per second.</summary>
    private static TimeSpan Frames(int frames) => TimeSpan.FromMilliseconds(frames * 10);

    private static bool IsFiller(string word) =>
        word.Length == 0 || word is "<s>" or "</s>" or "<sil>" || word.StartsWith('[') || word.StartsWith("++", StringComparison.Ordinal);

    private static string StripVariant(string word)
    {
        var variant = word.IndexOf('(');
        return variant > 0 ? word[..variant] : word;
    }
}
