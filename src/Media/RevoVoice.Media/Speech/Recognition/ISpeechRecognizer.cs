namespace RevoVoice.Media.Speech.Recognition;

/// <summary>
/// A streaming speech-to-text engine. Callers open a stream per utterance, push 16 kHz mono PCM16 as it arrives
/// and read partial and final results; engines (pocketsphinx today, a Whisper-class model later) own their models,
/// pools and threads behind this seam.
/// </summary>
public interface ISpeechRecognizer
{
    /// <summary>The sample rate the engine expects (16,000 Hz for the en-us acoustic model).</summary>
    int SampleRate { get; }

    /// <summary>Opens a stream for one utterance. Waits when every decoder is busy.</summary>
    /// <exception cref="SpeechGrammarException">The request's grammar cannot be compiled by this engine.</exception>
    ValueTask<IRecognitionStream> StartAsync(RecognitionRequest request, CancellationToken cancellationToken);
}
