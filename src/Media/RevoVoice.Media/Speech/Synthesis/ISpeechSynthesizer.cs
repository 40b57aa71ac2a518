namespace RevoVoice.Media.Speech.Synthesis;

/// <summary>
/// Text-to-speech for the telephone: streams 20 ms frames of 8 kHz PCM16 as they are synthesized, so the first
/// packet can leave before the sentence is finished.
/// </summary>
public interface ISpeechSynthesizer
{
    IAsyncEnumerable<SpeechFrame> SynthesizeAsync(SpeechRequest request, CancellationToken cancellationToken);
}
