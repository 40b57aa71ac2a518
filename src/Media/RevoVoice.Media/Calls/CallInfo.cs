namespace RevoVoice.Media.Calls;

/// <summary>The identity of a call.</summary>
/// <param name="Id">the platform's call id (Write stream <c>call-{Id}</c>).</param>
/// <param name="SipCallId">the SIP Call-ID header of the dialog.</param>
/// <param name="Caller">the From URI, e.g. <c>sip:alice@127.0.0.1</c>.</param>
/// <param name="Callee">the To/Request URI, e.g. <c>sip:bot@127.0.0.1:5060</c>.</param>
/// <param name="StartedAt">when the INVITE arrived (UTC).</param>
public sealed record CallInfo(Guid Id, string SipCallId, string Caller, string Callee, DateTimeOffset StartedAt);
