namespace RevoVoice.Media.Speech.Recognition;

/// <summary>What to listen for: a domain grammar of expected phrases, or free speech when <paramref name="Grammar"/> is null.</summary>
public sealed record RecognitionRequest(SpeechGrammar? Grammar = null)
{
    public static RecognitionRequest FreeSpeech { get; } = new();
}
