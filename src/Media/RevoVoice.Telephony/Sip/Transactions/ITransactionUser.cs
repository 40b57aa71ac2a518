using System.Net;
using RevoVoice.Telephony.Sip.Messages;

namespace RevoVoice.Telephony.Sip.Transactions;

/// <summary>The layer above transactions (the user agent core): what it is told. Called off the transaction lock; must not block.</summary>
public interface ITransactionUser
{
    /// <summary>A new request (not a retransmission), with its server transaction to answer through.</summary>
    void OnRequest(ServerTransaction transaction);

    /// <summary>An ACK that matched no INVITE server transaction: the ACK for a 2xx, handled by the dialog.</summary>
    void OnAck(SipRequest ack, IPEndPoint source);

    /// <summary>A response that matched no client transaction, e.g. a retransmitted 2xx to an INVITE whose ACK was lost.</summary>
    void OnStrayResponse(SipResponse response, IPEndPoint source);

    /// <summary>A 2xx to an INVITE was retransmitted until 64*T1 without an ACK (RFC 3261 13.3.1.4: end the dialog).</summary>
    void OnAckTimeout(ServerTransaction transaction);
}
