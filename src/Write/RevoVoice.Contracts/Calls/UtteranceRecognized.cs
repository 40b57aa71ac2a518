namespace RevoVoice.Contracts.Calls;

/// <summary>Speech recognition produced the text of one utterance; times are milliseconds from the call's start.</summary>
[EventType("utterance-recognized.v1")]
public sealed record UtteranceRecognized(Guid CallId, Guid UtteranceId, Speaker Speaker, [property: PersonalData] string Text, double Confidence, long StartMs, long EndMs);
