namespace RevoVoice.Media.Speech.Vad;

public enum SpeechState
{
    Silence,
    /// <summary>Speech-like audio that has not yet lasted the minimum speech duration.</summary>
    Candidate,
    Speech,
}
