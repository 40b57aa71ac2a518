namespace RevoVoice.ServiceDefaults.Auth;

/// <summary>The roles a RevoVoice token can carry in its <c>role</c> claim.</summary>
public static class RevoVoiceRoles
{
    public const string Media = "media";
    public const string Agent = "agent";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";
    public const string Auditor = "auditor";
    public const string Analyst = "analyst";

    public static IReadOnlyList<string> All { get; } = [Media, Agent, Supervisor, Admin, Auditor, Analyst];
}
