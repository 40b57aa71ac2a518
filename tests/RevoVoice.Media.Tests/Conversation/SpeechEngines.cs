using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RevoVoice.Media.Speech.Recognition.PocketSphinx;
using RevoVoice.Media.Speech.Synthesis;
using RevoVoice.Media.Speech.Synthesis.ESpeak;
using RevoVoice.Media.Speech.Vad;

namespace RevoVoice.Media.Tests.Conversation;

/// <summary>
/// The real engines a conversation runs on, loaded once per test class: pocketsphinx, espeak-ng behind the prompt
/// cache, and Silero VAD from the repository's .revovoice/models/ (put there by <c>./revovoice infra up</c>).
/// </summary>
public sealed class SpeechEngines : IDisposable
{
    public SpeechEngines()
    {
        SileroModelPath = VadOptions.FindSileroModel()
            ?? throw new InvalidOperationException("Silero VAD model missing: run `./revovoice infra up` (it unpacks .revovoice/models/silero_vad.onnx)");
        Recognizer = new PocketSphinxRecognizer(Options.Create(new PocketSphinxOptions { MaxDecoders = 4 }));
        Recognizer.WarmUp(2);
        ESpeak = new ESpeakSynthesizer();
        Synthesizer = new CachingSpeechSynthesizer(ESpeak, 64);
        Vad = new VoiceActivityDetectorFactory(Options.Create(new VadOptions { SileroModelPath = SileroModelPath }), NullLogger<VoiceActivityDetectorFactory>.Instance);
    }

    public string SileroModelPath { get; }

    public PocketSphinxRecognizer Recognizer { get; }

    public ESpeakSynthesizer ESpeak { get; }

    public CachingSpeechSynthesizer Synthesizer { get; }

    public VoiceActivityDetectorFactory Vad { get; }

    public void Dispose()
    {
        Recognizer.Dispose();
        ESpeak.Dispose();
        Vad.Dispose();
    }
}
