using System.Text.Json;

namespace RevoVoice.EventStore;

/// <summary>
/// The <see cref="ResolvedEvent.Event"/> of a stored event whose type name is not registered: kept raw
/// (personal data already decrypted or erased) instead of failing the read.
/// </summary>
public sealed record UnknownEvent(string EventType, JsonElement Data);
