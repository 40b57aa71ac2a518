namespace RevoVoice.Contracts.Calls;

/// <summary>The caller's sentiment moved to another label.</summary>
[EventType("sentiment-changed.v1")]
public sealed record SentimentChanged(Guid CallId, Guid UtteranceId, Sentiment From, Sentiment To, double Score);
