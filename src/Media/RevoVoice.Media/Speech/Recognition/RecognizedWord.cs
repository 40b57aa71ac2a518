namespace RevoVoice.Media.Speech.Recognition;

/// <summary>A word of a result with its position in the stream and its posterior probability.</summary>
public sealed record RecognizedWord(string Word, TimeSpan Start, TimeSpan End, double Confidence);
