using RevoVoice.Contracts.Calls;

namespace RevoVoice.Media.Reporting;

/// <summary>StartCall: a new INVITE arrived. Caller and called numbers are the user parts of the From and To URIs.</summary>
public sealed record CallStartedReport(Guid CallId, DateTimeOffset At, string SipCallId, string Caller, string Callee) : CallReport(CallId, At)
{
    public override string Route => "calls";

    public override object Body => new StartCall(CommandId, CallId, NumberOf(Caller), NumberOf(Callee));

    /// <summary><c>sip:+441632960123@host</c> gives <c>+441632960123</c>; a URI without a user part is kept whole.</summary>
    public static string NumberOf(string uri)
    {
        var colon = uri.IndexOf(':');
        var at = uri.IndexOf('@');
        return colon >= 0 && at > colon + 1 ? uri[(colon + 1)..at] : uri;
    }
}
