namespace RevoVoice.Media.Reporting;

/// <summary>Configuration section <c>RevoVoice:Write</c>: where the command API is and how Media authenticates.</summary>
public sealed class WriteApiOptions
{
    public const string Section = "RevoVoice:Write";

    public string BaseUrl { get; set; } = "http://127.0.0.1:5101";

    /// <summary>A JWT with role <c>media</c>, sent as a bearer token.</summary>
    public string? Token { get; set; }

    /// <summary>Reports waiting beyond this are dropped oldest-first (and counted).</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Attempts per report before it is given up (and counted); waits double from 200 ms up to 10 s.</summary>
    public int MaxAttempts { get; set; } = 8;
}
