namespace RevoVoice.Contracts.Calls;

/// <summary>The sentiment scorer's result sent with a turn.</summary>
public sealed record DetectedSentiment(Sentiment Label, double Score);
