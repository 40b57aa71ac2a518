namespace RevoVoice.Media.Speech.Recognition;

/// <summary>A grammar the engine cannot use, e.g. phrases with words its pronunciation dictionary does not know.</summary>
public sealed class SpeechGrammarException(string grammar, string message, IReadOnlyList<string> unknownWords)
    : Exception($"speech grammar '{grammar}': {message}")
{
    public string Grammar { get; } = grammar;
    public IReadOnlyList<string> UnknownWords { get; } = unknownWords;
}
