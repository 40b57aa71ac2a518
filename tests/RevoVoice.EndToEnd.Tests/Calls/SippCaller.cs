using RevoVoice.Testing.Sip;

namespace RevoVoice.EndToEnd.Tests.Calls;

/// <summary>
/// The real sipp (Debian sip-tester) as the caller: the end-to-end call scenario, run by <see cref="Sipp"/>.
/// </summary>
public static class SippCaller
{
    public const string CallerNumber = "+441632960100";
    public const string CalledUser = "echo";

    /// <summary>The digits <see cref="CallWithDigits"/> sends, in order.</summary>
    public static readonly string[] Digits = ["1", "2", "#", "9", "*"];

    /// <summary>
    /// A caller with an E.164 caller id dials <c>echo</c>, is answered, sends the RFC 4733 digits 1 2 # 9 * from
    /// sipp's pcaps (about 350 ms apart), waits half a second and hangs up with BYE.
    /// </summary>
    public static readonly string CallWithDigits = $$"""
        <?xml version="1.0" encoding="ISO-8859-1" ?>
        <!DOCTYPE scenario SYSTEM "sipp.dtd">
        <scenario name="e2e-call">
          <send retrans="500">
            <![CDATA[
              INVITE sip:{{CalledUser}}@[remote_ip]:[remote_port] SIP/2.0
              Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
              From: <sip:{{CallerNumber}}@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
              To: <sip:{{CalledUser}}@[remote_ip]:[remote_port]>
              Call-ID: [call_id]
              CSeq: 1 INVITE
              Contact: sip:{{CallerNumber}}@[local_ip]:[local_port]
              Max-Forwards: 70
              Content-Type: application/sdp
              Content-Length: [len]

              v=0
              o=user1 53655765 1 IN IP[local_ip_type] [local_ip]
              s=-
              c=IN IP[media_ip_type] [media_ip]
              t=0 0
              m=audio [media_port] RTP/AVP 0 101
              a=rtpmap:0 PCMU/8000
              a=rtpmap:101 telephone-event/8000
              a=fmtp:101 0-16
              a=sendrecv

            ]]>
          </send>
          <recv response="100" optional="true"/>
          <recv response="180" optional="true"/>
          <recv response="200" rtd="true"/>
          <send>
            <![CDATA[
              ACK sip:{{CalledUser}}@[remote_ip]:[remote_port] SIP/2.0
              Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
              From: <sip:{{CallerNumber}}@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
              To: <sip:{{CalledUser}}@[remote_ip]:[remote_port]>[peer_tag_param]
              Call-ID: [call_id]
              CSeq: 1 ACK
              Max-Forwards: 70
              Content-Length: 0

            ]]>
          </send>
          {{DigitPlayback()}}
          <pause milliseconds="500"/>
          <send retrans="500">
            <![CDATA[
              BYE sip:{{CalledUser}}@[remote_ip]:[remote_port] SIP/2.0
              Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
              From: <sip:{{CallerNumber}}@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
              To: <sip:{{CalledUser}}@[remote_ip]:[remote_port]>[peer_tag_param]
              Call-ID: [call_id]
              CSeq: 2 BYE
              Max-Forwards: 70
              Content-Length: 0

            ]]>
          </send>
          <recv response="200" crlf="true"/>
        </scenario>
        """;

    // sipp's pcap files are named after the keys: dtmf_2833_1.pcap, dtmf_2833_pound.pcap, ...
    private static string DigitPlayback() => string.Concat(Digits.Select(d => d switch { "#" => "pound", "*" => "star", _ => d }).Select(name =>
        $"""<nop><action><exec play_pcap_audio="pcap/dtmf_2833_{name}.pcap"/></action></nop><pause milliseconds="350"/>"""));

    /// <summary>Places one call with <paramref name="scenarioXml"/> to 127.0.0.1:<paramref name="sipPort"/> and waits for sipp to finish.</summary>
    public static Task<Sipp.Result> CallAsync(int sipPort, string scenarioXml, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Sipp.RunAsync(sipPort, scenarioXml, "-m 1", timeout, cancellationToken);
}
