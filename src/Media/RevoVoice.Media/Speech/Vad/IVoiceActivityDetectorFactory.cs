namespace RevoVoice.Media.Speech.Vad;

/// <summary>Makes a detector per call; the model behind it is loaded once and shared.</summary>
public interface IVoiceActivityDetectorFactory
{
    /// <summary>The engine the detectors use (<c>silero</c> or <c>energy</c>).</summary>
    string Engine { get; }

    IVoiceActivityDetector Create();
}
