namespace RevoVoice.Telephony.Sip.Messages;

public static class SipMethods
{
    public const string Invite = "INVITE";
    public const string Ack = "ACK";
    public const string Bye = "BYE";
    public const string Cancel = "CANCEL";
    public const string Options = "OPTIONS";
    public const string Register = "REGISTER";
    public const string Info = "INFO";
    public const string Refer = "REFER";
    public const string Notify = "NOTIFY";
    public const string Subscribe = "SUBSCRIBE";
    public const string Update = "UPDATE";
    public const string Prack = "PRACK";
    public const string Message = "MESSAGE";
    public const string Publish = "PUBLISH";

    /// <summary>What our user agent handles (the Allow header).</summary>
    public const string Allowed = "INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, REFER, NOTIFY";

    /// <summary>Methods defined by SIP extensions that we know but do not do: 405, not 501.</summary>
    public static bool IsKnown(string method) =>
        method is Invite or Ack or Bye or Cancel or Options or Register or Info or Refer or Notify or Subscribe
            or Update or Prack or Message or Publish;
}
