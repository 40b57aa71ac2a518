namespace RevoVoice.Media.Calls;

/// <summary>A registered call application's name, so configuration errors can list what exists.</summary>
public sealed record CallApplicationName(string Name);
