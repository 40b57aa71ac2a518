namespace RevoVoice.Media.Calls;

/// <summary>Configuration section <c>RevoVoice:Media</c>.</summary>
public sealed class MediaOptions
{
    public const string Section = "RevoVoice:Media";

    /// <summary>The call application every answered call runs: echo, play, conversation.</summary>
    public string Application { get; set; } = "echo";

    /// <summary>The WAV the <c>play</c> application plays (8 or 16 kHz mono PCM16).</summary>
    public string? PlayFile { get; set; }

    /// <summary>Where consented recordings go.</summary>
    public string RecordingDirectory { get; set; } = ".revovoice/recordings";

    /// <summary>Record every call (only for tests and demos where consent is implied by configuration).</summary>
    public bool RecordAllCalls { get; set; }

    /// <summary>How long we ring (180) before answering; tests use it to cancel before the answer.</summary>
    public int AnswerDelayMs { get; set; }

    /// <summary>Answer 486 Busy Here beyond this many concurrent calls.</summary>
    public int MaxConcurrentCalls { get; set; } = 1000;
}
