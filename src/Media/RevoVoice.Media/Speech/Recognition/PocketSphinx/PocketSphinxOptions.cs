namespace RevoVoice.Media.Speech.Recognition.PocketSphinx;

/// <summary>Configuration section <c>RevoVoice:Speech:PocketSphinx</c>.</summary>
public sealed class PocketSphinxOptions
{
    public const string Section = "RevoVoice:Speech:PocketSphinx";

    public string AcousticModelPath { get; set; } = "/usr/share/pocketsphinx/model/en-us/en-us";
    public string DictionaryPath { get; set; } = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict";
    public string LanguageModelPath { get; set; } = "/usr/share/pocketsphinx/model/en-us/en-us.lm.bin";

    /// <summary>Upper bound of decoders alive at once (each holds ~20 MB and takes ~0.5 s to load).</summary>
    public int MaxDecoders { get; set; } = 32;

    /// <summary>Decoders loaded at start-up so the first calls never wait for a model load.</summary>
    public int WarmDecoders { get; set; } = 2;

    /// <summary>How often a partial hypothesis is computed while audio streams in (a back-trace costs CPU).</summary>
    public TimeSpan PartialResultInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Where live cepstral mean normalisation starts for a fresh decoder. The acoustic model's own start
    /// (feat.params) is for wide-band audio; this default was measured by pocketsphinx on telephone-band speech
    /// (the goforward/numbers/something recordings of pocketsphinx-testdata through 8 kHz mu-law and back to 16 kHz),
    /// so a caller's first utterance on a new decoder is not misheard. Empty: the model's own value.
    /// </summary>
    public string CepstralMeanInit { get; set; } = "42.16,24.77,-39.83,40.28,-13.38,-1.31,11.21,-26.53,17.04,-12.85,-3.89,6.93,-12.35";

    /// <summary>Extra decoder arguments as name/value pairs, e.g. <c>{"-beam": "1e-60"}</c>.</summary>
    public Dictionary<string, string> ExtraArguments { get; set; } = [];
}
