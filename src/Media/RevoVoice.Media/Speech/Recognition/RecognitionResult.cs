namespace RevoVoice.Media.Speech.Recognition;

/// <summary>
/// A hypothesis for the current utterance. Times are measured from the first sample fed to the stream;
/// <paramref name="Confidence"/> is a posterior probability in [0, 1] (1 when the engine cannot estimate one).
/// </summary>
public sealed record RecognitionResult(
    string Text,
    bool IsFinal,
    TimeSpan Start,
    TimeSpan End,
    double Confidence,
    IReadOnlyList<RecognizedWord> Words)
{
    public bool IsEmpty => Text.Length == 0;
}
