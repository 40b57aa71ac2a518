namespace RevoVoice.Contracts.Calls;

/// <summary>Media: one turn of conversation: the utterance, and optionally its intent and sentiment, appended atomically.</summary>
public sealed record RecordTurn(
    Guid CommandId, Guid CallId, Guid UtteranceId, Speaker Speaker, string Text, double Confidence, long StartMs, long EndMs,
    DetectedIntent? Intent, DetectedSentiment? Sentiment);
