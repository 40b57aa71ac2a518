namespace RevoVoice.Media.Speech.Vad;

public enum SpeechEvent
{
    None,
    CandidateStarted,
    CandidateDropped,
    SpeechStarted,
    SpeechEnded,
}
