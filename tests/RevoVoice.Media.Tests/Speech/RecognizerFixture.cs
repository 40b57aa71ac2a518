using Microsoft.Extensions.Options;
using RevoVoice.Media.Speech.Recognition.PocketSphinx;

namespace RevoVoice.Media.Tests.Speech;

/// <summary>
/// Real pocketsphinx recognizers shared by a test class (model loads are the slow part). Wide-band and telephone
/// audio get separate decoders because live cepstral normalisation adapts to the channel it has been hearing; the
/// wide-band one starts from the model's own normalisation, the telephone one from the service's telephone default.
/// </summary>
public sealed class RecognizerFixture : IDisposable
{
    public RecognizerFixture()
    {
        Wideband = Create(new PocketSphinxOptions { MaxDecoders = 1, CepstralMeanInit = "" });
        Telephone = Create(new PocketSphinxOptions { MaxDecoders = 1 });
    }

    public PocketSphinxRecognizer Wideband { get; }

    public PocketSphinxRecognizer Telephone { get; }

    private static PocketSphinxRecognizer Create(PocketSphinxOptions options)
    {
        var recognizer = new PocketSphinxRecognizer(Options.Create(options));
        recognizer.WarmUp(1);
        return recognizer;
    }

    public void Dispose()
    {
        Wideband.Dispose();
        Telephone.Dispose();
    }
}
