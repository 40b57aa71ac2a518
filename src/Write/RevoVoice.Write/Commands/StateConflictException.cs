namespace RevoVoice.Write.Commands;

/// <summary>The command does not fit the aggregate's current state (answers 409): e.g. a turn after the call ended.</summary>
public sealed class StateConflictException(string message) : Exception(message);
