namespace RevoVoice.Media.Speech.Synthesis;

/// <summary>The synthesis engine refused a request (unknown voice, engine not installed).</summary>
public sealed class SpeechSynthesisException(string message) : Exception(message);
