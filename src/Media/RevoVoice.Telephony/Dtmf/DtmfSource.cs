namespace RevoVoice.Telephony.Dtmf;

public enum DtmfSource
{
    /// <summary>RTP telephone-event packets (RFC 4733).</summary>
    Rfc4733,

    /// <summary>SIP INFO with application/dtmf-relay or application/dtmf.</summary>
    SipInfo,
}
