namespace RevoVoice.Media.Speech.Recognition;

/// <summary>A native speech engine refused an operation (missing model files, a failed decode call).</summary>
public sealed class SpeechEngineException(string message) : Exception(message);
