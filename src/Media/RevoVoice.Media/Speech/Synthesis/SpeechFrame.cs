namespace RevoVoice.Media.Speech.Synthesis;

/// <summary>20 ms of 8 kHz mono PCM16 (160 samples; the last frame of an utterance is padded with silence).</summary>
public readonly record struct SpeechFrame(ReadOnlyMemory<short> Samples)
{
    public const int SampleRate = 8000;
    public const int SamplesPerFrame = 160;
}
