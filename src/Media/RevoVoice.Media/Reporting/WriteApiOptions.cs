namespace RevoVoice.Media.Reporting;

/// <summary>
/// Configuration section <c>RevoVoice:Write</c>: where the command API is and how reports are queued. Media
/// authenticates with tokens it mints itself (<see cref="WriteApiToken"/>).
/// </summary>
public sealed class WriteApiOptions
{
    public const string Section = "RevoVoice:Write";

    public string BaseUrl { get; set; } = "http://127.0.0.1:5101";

    /// <summary>Reports waiting beyond this are dropped oldest-first (and counted).</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Attempts per report before it is given up (and counted); waits double from 200 ms up to 10 s.</summary>
    public int MaxAttempts { get; set; } = 8;
}
