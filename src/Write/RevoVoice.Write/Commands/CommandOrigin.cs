namespace RevoVoice.Write.Commands;

/// <summary>
/// Who sent a command and in which conversation of causes: becomes the correlation id, causation id and actor
/// of every event the command appends (the trace context is taken from the current activity by the store).
/// </summary>
/// <param name="CausationId">the command id for commands from outside; the triggering event's id for reactor commands.</param>
public sealed record CommandOrigin(string CorrelationId, string CausationId, string Actor);
