namespace RevoVoice.Telephony.Sip.Transactions;

public enum ServerTransactionState
{
    Trying,
    Proceeding,
    /// <summary>INVITE answered 2xx, waiting for the ACK while the 2xx is retransmitted (RFC 6026).</summary>
    Accepted,
    Completed,
    Confirmed,
    Terminated,
}
