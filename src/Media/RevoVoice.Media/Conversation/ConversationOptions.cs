namespace RevoVoice.Media.Conversation;

/// <summary>Configuration section <c>RevoVoice:Conversation</c>: turn-taking and barge-in.</summary>
public sealed class ConversationOptions
{
    public const string Section = "RevoVoice:Conversation";

    /// <summary>The voice persona the bot speaks with (see <c>RevoVoice:Speech:Synthesis:Personas</c>).</summary>
    public string? Persona { get; set; }

    /// <summary>
    /// How long the caller must speak over the bot before playback stops. Backchannels ("mhm", "okay", a cough)
    /// are shorter and let the bot go on.
    /// </summary>
    public TimeSpan BargeInMinSpeech { get; set; } = TimeSpan.FromMilliseconds(350);

    /// <summary>The silence that ends the caller's turn (the VAD's minimum silence during a call).</summary>
    public TimeSpan EndOfTurnSilence { get; set; } = TimeSpan.FromMilliseconds(400);

    /// <summary>Audio kept from before the VAD fired, so the recognizer hears the first phoneme.</summary>
    public TimeSpan PreRoll { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>A turn is cut off (and answered) after this long, so an open line cannot hold a decoder for ever.</summary>
    public TimeSpan MaxUtterance { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Utterances shorter than this that the recognizer could not read are treated as noise, not as a turn.</summary>
    public TimeSpan MinUnrecognizedUtterance { get; set; } = TimeSpan.FromMilliseconds(400);
}
