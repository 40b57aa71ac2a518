namespace RevoVoice.Write.Commands;

/// <summary>The call, customer or agent a command names does not exist (answers 404).</summary>
public sealed class NotFoundException(string message) : Exception(message);
