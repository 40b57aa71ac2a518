namespace RevoVoice.Media.Speech.Vad;

/// <summary>
/// Turns per-frame speech scores into utterance boundaries: speech starts once it has lasted
/// <see cref="VadOptions.SegmentationSettings.MinSpeech"/> and ends after
/// <see cref="VadOptions.SegmentationSettings.MinSilence"/> of silence. It also reports the onset of a candidate
/// (the first speech frame), so a recognizer can start listening before speech is confirmed.
/// Times are stream positions (the sum of the frame durations fed so far).
/// </summary>
public sealed class SpeechSegmenter(VadOptions.SegmentationSettings settings)
{
    private TimeSpan position;
    private TimeSpan candidateStart;
    private TimeSpan lastSpeech;

    public SpeechState State { get; private set; } = SpeechState.Silence;

    /// <summary>Where the current (candidate or confirmed) speech began.</summary>
    public TimeSpan SpeechStart => candidateStart;

    /// <summary>The end of the last frame that scored as speech.</summary>
    public TimeSpan LastSpeech => lastSpeech;

    public TimeSpan Position => position;

    /// <summary>Feeds one frame's score; returns what changed at the end of this frame.</summary>
    public SpeechEvent Push(float probability, TimeSpan frameDuration)
    {
        var frameStart = position;
        position += frameDuration;
        switch (State)
        {
            case SpeechState.Silence:
                if (probability < settings.Threshold) return SpeechEvent.None;
                candidateStart = frameStart;
                lastSpeech = position;
                State = SpeechState.Candidate;
                if (position - candidateStart >= settings.MinSpeech) return Confirm();
                return SpeechEvent.CandidateStarted;

            case SpeechState.Candidate:
                if (probability >= settings.ReleaseThreshold)
                {
                    lastSpeech = position;
                    return position - candidateStart >= settings.MinSpeech ? Confirm() : SpeechEvent.None;
                }
                // A candidate that falls silent before it counts was noise or a backchannel.
                State = SpeechState.Silence;
                return SpeechEvent.CandidateDropped;

            case SpeechState.Speech:
                if (probability >= settings.ReleaseThreshold)
                {
                    lastSpeech = position;
                    return SpeechEvent.None;
                }
                if (position - lastSpeech < settings.MinSilence) return SpeechEvent.None;
                State = SpeechState.Silence;
                return SpeechEvent.SpeechEnded;
        }
        return SpeechEvent.None;
    }

    private SpeechEvent Confirm()
    {
        State = SpeechState.Speech;
        return SpeechEvent.SpeechStarted;
    }

    /// <summary>Ends the current speech now (an utterance cut off at its maximum length); time goes on.</summary>
    public void EndSpeech() => State = SpeechState.Silence;

    public void Reset()
    {
        State = SpeechState.Silence;
        position = candidateStart = lastSpeech = TimeSpan.Zero;
    }
}
