namespace RevoVoice.Media.Speech.Vad;

/// <summary>
/// Scores 16 kHz mono PCM16 for speech, frame by frame, keeping whatever state the model needs between frames.
/// One instance per audio stream; not thread-safe.
/// </summary>
public interface IVoiceActivityDetector : IDisposable
{
    /// <summary>The probability, in [0, 1], that the most recent audio is speech.</summary>
    float Process(ReadOnlySpan<short> samples);

    /// <summary>Forgets the stream's history.</summary>
    void Reset();
}
