using System.Net;
using System.Text;
using RevoVoice.Telephony.Sip.Messages;
using RevoVoice.Telephony.Sip.Transactions;

namespace RevoVoice.Telephony.Sip.Dialogs;

/// <summary>
/// An INVITE that started a new call and waits for our decision: ring, accept with an SDP answer, or reject.
/// <see cref="Cancelled"/> fires if the caller cancels first, just before we answer 487: whatever the call held is
/// released by the time the caller learns the call is over.
/// </summary>
public sealed class IncomingCall
{
    private readonly SipUserAgent _agent;
    private int _decided;

    internal IncomingCall(SipUserAgent agent, ServerTransaction transaction, string localTag)
    {
        _agent = agent;
        Transaction = transaction;
        LocalTag = localTag;
    }

    internal ServerTransaction Transaction { get; }

    public SipRequest Invite => Transaction.Request;

    public IPEndPoint Source => Transaction.Source;

    public string LocalTag { get; }

    /// <summary>The offer (SDP), or empty when the caller makes a late offer.</summary>
    public string OfferSdp => Invite.BodyText;

    public bool IsDecided => Volatile.Read(ref _decided) != 0;

    /// <summary>The caller cancelled before we answered (487 follows once the handlers ran).</summary>
    public event Action<IncomingCall>? Cancelled;

    /// <summary>Sends 180 Ringing.</summary>
    public void Ring()
    {
        if (IsDecided) return;
        var ringing = SipResponse.For(Invite, SipStatus.Ringing, LocalTag);
        ringing.Add(SipHeaderNames.Contact, _agent.ContactHeader);
        Transaction.Respond(ringing);
    }

    /// <summary>Answers 200 OK with the SDP answer and returns the dialog (confirmed when the ACK arrives).</summary>
    /// <exception cref="InvalidOperationException">already answered, rejected or cancelled.</exception>
    public SipDialog Accept(string answerSdp)
    {
        if (Interlocked.Exchange(ref _decided, 1) != 0) throw new InvalidOperationException("The call was already answered, rejected or cancelled.");
        var ok = SipResponse.For(Invite, SipStatus.Ok, LocalTag);
        ok.Add(SipHeaderNames.Contact, _agent.ContactHeader);
        ok.Add(SipHeaderNames.Allow, SipMethods.Allowed);
        ok.Add(SipHeaderNames.Supported, "replaces");
        ok.Add(SipHeaderNames.ContentType, "application/sdp");
        ok.Body = Encoding.UTF8.GetBytes(answerSdp);
        return _agent.Accept(this, ok);
    }

    /// <summary>Rejects the call with a final status (e.g. 486, 488, 503) and an optional Warning/Reason text.</summary>
    public void Reject(int statusCode, string? reason = null)
    {
        if (Interlocked.Exchange(ref _decided, 1) != 0) return;
        var response = SipResponse.For(Invite, statusCode, LocalTag, reason);
        if (statusCode == SipStatus.NotAcceptableHere && reason is not null) response.Add("Warning", $"304 revovoice \"{reason.Replace("\"", "'")}\"");
        _agent.Reject(this, response);
    }

    internal bool TryCancel()
    {
        if (Interlocked.Exchange(ref _decided, 1) != 0) return false;
        Cancelled?.Invoke(this);
        Transaction.Respond(SipResponse.For(Invite, SipStatus.RequestTerminated, LocalTag));
        return true;
    }
}
