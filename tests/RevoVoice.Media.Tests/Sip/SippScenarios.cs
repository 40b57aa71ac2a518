namespace RevoVoice.Media.Tests.Sip;

/// <summary>sipp scenarios for the behaviours the built-in ones do not cover. Each call is a sipp UAC against the Media host.</summary>
public static class SippScenarios
{
    private const string Head = """<?xml version="1.0" encoding="ISO-8859-1" ?><!DOCTYPE scenario SYSTEM "sipp.dtd">""";

    private static string Invite(string user, string codecs = "0 101", string direction = "sendrecv", string cseq = "1", string branch = "[branch]", string to = "") => $$"""
      <send retrans="500">
        <![CDATA[
          INVITE sip:{{user}}@[remote_ip]:[remote_port] SIP/2.0
          Via: SIP/2.0/[transport] [local_ip]:[local_port];branch={{branch}}
          From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
          To: <sip:{{user}}@[remote_ip]:[remote_port]>{{to}}
          Call-ID: [call_id]
          CSeq: {{cseq}} INVITE
          Contact: sip:sipp@[local_ip]:[local_port]
          Max-Forwards: 70
          Content-Type: application/sdp
          Content-Length: [len]

          v=0
          o=user1 53655765 {{cseq}} IN IP[local_ip_type] [local_ip]
          s=-
          c=IN IP[media_ip_type] [media_ip]
          t=0 0
          m=audio [media_port] RTP/AVP {{codecs}}
          a=rtpmap:0 PCMU/8000
          a=rtpmap:8 PCMA/8000
          a=rtpmap:18 G729/8000
          a=rtpmap:101 telephone-event/8000
          a=fmtp:101 0-16
          a={{direction}}

        ]]>
      </send>
""";

    private static string InDialog(string user, string method, string cseq, string extra = "", string body = "") => $$"""
      <send retrans="500">
        <![CDATA[
          {{method}} sip:revovoice@[remote_ip]:[remote_port] SIP/2.0
          Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
          From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
          To: <sip:{{user}}@[remote_ip]:[remote_port]>[peer_tag_param]
          Call-ID: [call_id]
          CSeq: {{cseq}} {{method}}
          Contact: sip:sipp@[local_ip]:[local_port]
          Max-Forwards: 70
          {{extra}}
          Content-Length: [len]

          {{body}}
        ]]>
      </send>
""";

    private static string Ack(string user, string cseq, string branch = "[branch]") => $$"""
      <send>
        <![CDATA[
          ACK sip:revovoice@[remote_ip]:[remote_port] SIP/2.0
          Via: SIP/2.0/[transport] [local_ip]:[local_port];branch={{branch}}
          From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
          To: <sip:{{user}}@[remote_ip]:[remote_port]>[peer_tag_param]
          Call-ID: [call_id]
          CSeq: {{cseq}} ACK
          Max-Forwards: 70
          Content-Length: 0

        ]]>
      </send>
""";

    private const string Answered = """
      <recv response="100" optional="true"/>
      <recv response="180" optional="true"/>
      <recv response="200" rtd="true"/>
""";

    private const string ReplyOk = """
      <send>
        <![CDATA[
          SIP/2.0 200 OK
          [last_Via:]
          [last_From:]
          [last_To:]
          [last_Call-ID:]
          [last_CSeq:]
          Contact: sip:sipp@[local_ip]:[local_port]
          Content-Length: 0

        ]]>
      </send>
""";

    private static string Scenario(string name, string body) => $"""{Head}<scenario name="{name}">{body}</scenario>""";

    private static string ByeAndOk(string user, string cseq) => InDialog(user, "BYE", cseq) + """<recv response="200" crlf="true"/>""";

    /// <summary>Answered, held (sendonly, expect recvonly), resumed (sendrecv), hung up by the caller.</summary>
    public static readonly string HoldAndResume = Scenario("hold", Invite("echo") + Answered + Ack("echo", "1") + """<pause milliseconds="400"/>""" +
        Invite("echo", direction: "sendonly", cseq: "2", to: "[peer_tag_param]") +
        """<recv response="100" optional="true"/><recv response="200"><action><ereg regexp="a=recvonly" search_in="body" check_it="true" assign_to="held"/></action></recv>""" +
        Ack("echo", "2") + """<pause milliseconds="400"/>""" +
        Invite("echo", direction: "sendrecv", cseq: "3", to: "[peer_tag_param]") +
        """<recv response="100" optional="true"/><recv response="200"><action><ereg regexp="a=sendrecv" search_in="body" check_it="true" assign_to="resumed"/></action></recv>""" +
        Ack("echo", "3") + """<pause milliseconds="200"/>""" + ByeAndOk("echo", "4") +
        """<nop><action><log message="[$held] [$resumed]"/></action></nop>""");

    /// <summary>The platform hangs up after playing a second of audio: the caller must receive BYE.</summary>
    public static readonly string PlatformHangsUp = Scenario("hangup", Invite("hangup") + Answered + Ack("hangup", "1") +
        """<recv request="BYE" timeout="10000"/>""" + ReplyOk);

    /// <summary>The platform transfers the caller (REFER to the agent), the caller reports success (NOTIFY sipfrag 200), then gets BYE.</summary>
    public static readonly string Transfer = Scenario("transfer", Invite("transfer") + Answered + Ack("transfer", "1") +
        """<recv request="REFER" timeout="10000"><action><ereg regexp="Refer-To: .sip:agent@127.0.0.1:5999" search_in="msg" check_it="true" assign_to="target"/></action></recv>""" +
        ReplyOk.Replace("200 OK", "202 Accepted") +
        InDialog("transfer", "NOTIFY", "2", "Event: refer\n          Subscription-State: terminated;reason=noresource\n          Content-Type: message/sipfrag", "SIP/2.0 200 OK") +
        """<recv response="200"/><recv request="BYE" timeout="10000"/>""" + ReplyOk +
        """<nop><action><log message="[$target]"/></action></nop>""");

    /// <summary>OPTIONS out of dialog: 200 with Allow.</summary>
    public static readonly string Options = Scenario("options", """
      <send retrans="500">
        <![CDATA[
          OPTIONS sip:revovoice@[remote_ip]:[remote_port] SIP/2.0
          Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
          From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[call_number]
          To: <sip:revovoice@[remote_ip]:[remote_port]>
          Call-ID: [call_id]
          CSeq: 1 OPTIONS
          Max-Forwards: 70
          Content-Length: 0

        ]]>
      </send>
      <recv response="200"><action><ereg regexp="Allow: INVITE, ACK, BYE, CANCEL, OPTIONS" search_in="msg" check_it="true" assign_to="allow"/></action></recv>
      <nop><action><log message="[$allow]"/></action></nop>
""");

    /// <summary>BYE for a dialog that does not exist: 481.</summary>
    public static readonly string UnknownDialog = Scenario("unknown-dialog", """
      <send retrans="500">
        <![CDATA[
          BYE sip:revovoice@[remote_ip]:[remote_port] SIP/2.0
          Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
          From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[call_number]
          To: <sip:revovoice@[remote_ip]:[remote_port]>;tag=no-such-dialog
          Call-ID: [call_id]
          CSeq: 5 BYE
          Max-Forwards: 70
          Content-Length: 0

        ]]>
      </send>
      <recv response="481"/>
""");

    /// <summary>SUBSCRIBE (known, not served): 405; FOO (unknown): 501.</summary>
    public static readonly string UnsupportedMethods = Scenario("methods", """
      <send retrans="500">
        <![CDATA[
          SUBSCRIBE sip:revovoice@[remote_ip]:[remote_port] SIP/2.0
          Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
          From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[call_number]
          To: <sip:revovoice@[remote_ip]:[remote_port]>
          Call-ID: [call_id]
          CSeq: 1 SUBSCRIBE
          Event: presence
          Max-Forwards: 70
          Content-Length: 0

        ]]>
      </send>
      <recv response="405"/>
      <send retrans="500">
        <![CDATA[
          FOO sip:revovoice@[remote_ip]:[remote_port] SIP/2.0
          Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
          From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[call_number]
          To: <sip:revovoice@[remote_ip]:[remote_port]>
          Call-ID: [call_id]
          CSeq: 2 FOO
          Max-Forwards: 70
          Content-Length: 0

        ]]>
      </send>
      <recv response="501"/>
""");

    /// <summary>Only G.729 offered: 488, and the caller ACKs it.</summary>
    public static readonly string NoCommonCodec = Scenario("no-codec", Invite("echo", codecs: "18", branch: "z9hG4bK-488-[call_number]") +
        """<recv response="100" optional="true"/><recv response="488"/>""" + Ack("echo", "1", branch: "z9hG4bK-488-[call_number]"));

    /// <summary>A short call for loss runs: answered, a second of silence, BYE.</summary>
    public static readonly string ShortCall = Scenario("short", Invite("echo") + Answered + Ack("echo", "1") + """<pause milliseconds="1000"/>""" + ByeAndOk("echo", "2"));

    /// <summary>RFC 4733 digits 1, 2, #, 9, * from sipp's DTMF pcaps, then BYE.</summary>
    public static readonly string Dtmf = Scenario("dtmf", Invite("echo", codecs: "0 101") + Answered + Ack("echo", "1") +
        string.Concat(new[] { "1", "2", "pound", "9", "star" }.Select(d =>
            $"""<nop><action><exec play_pcap_audio="pcap/dtmf_2833_{d}.pcap"/></action></nop><pause milliseconds="350"/>""")) +
        """<pause milliseconds="500"/>""" + ByeAndOk("echo", "2"));

    /// <summary>INVITE, then CANCEL while it rings: 200 to the CANCEL, 487 to the INVITE, ACK.</summary>
    public static readonly string Cancel = Scenario("cancel", Invite("echo", branch: "z9hG4bK-cancel-[call_number]") +
        """<recv response="100" optional="true"/><recv response="180"/>""" + """
      <send>
        <![CDATA[
          CANCEL sip:echo@[remote_ip]:[remote_port] SIP/2.0
          Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=z9hG4bK-cancel-[call_number]
          From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
          To: <sip:echo@[remote_ip]:[remote_port]>
          Call-ID: [call_id]
          CSeq: 1 CANCEL
          Max-Forwards: 70
          Content-Length: 0

        ]]>
      </send>
      <recv response="200"/>
      <recv response="487"/>
""" + Ack("echo", "1", branch: "z9hG4bK-cancel-[call_number]"));
}
