using RevoVoice.Telephony.Sip.Messages;

namespace RevoVoice.Telephony.Sip.Transactions;

/// <summary>How requests and responses are matched to transactions (RFC 3261 17.1.3, 17.2.3).</summary>
public readonly record struct TransactionKey(string Branch, string SentBy, string Method)
{
    /// <summary>The server transaction a request belongs to; ACK matches its INVITE.</summary>
    public static TransactionKey ForServer(SipRequest request)
    {
        var via = request.TopVia;
        var method = request.Method == SipMethods.Ack ? SipMethods.Invite : request.Method;
        var branch = via.Branch;
        if (branch is not null && branch.StartsWith(ViaHeader.MagicCookie, StringComparison.Ordinal))
            return new TransactionKey(branch, via.SentBy.ToLowerInvariant(), method);
        // RFC 2543 peers without the magic cookie: fall back to the dialog identifiers and CSeq number.
        return new TransactionKey($"{request.CallId}|{request.From.Tag}|{request.CSeq.Number}|{branch}", via.SentBy.ToLowerInvariant(), method);
    }

    /// <summary>The client transaction a response belongs to.</summary>
    public static TransactionKey ForClient(SipResponse response) =>
        new(response.TopVia.Branch ?? "", "", response.CSeq.Method);

    public static TransactionKey ForClient(string branch, string method) => new(branch, "", method);
}
