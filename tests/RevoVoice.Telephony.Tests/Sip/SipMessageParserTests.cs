using System.Text;
using RevoVoice.Telephony.Sip.Messages;

namespace RevoVoice.Telephony.Tests.Sip;

public class SipMessageParserTests
{
    private const string Invite =
        "INVITE sip:bot@127.0.0.1:5060 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1;rport\r\n" +
        "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-0\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: \"Alice\" <sip:alice@127.0.0.1:5070>;tag=abc\r\n" +
        "To: <sip:bot@127.0.0.1:5060>\r\n" +
        "Call-ID: 1-2@127.0.0.1\r\n" +
        "CSeq: 1 INVITE\r\n" +
        "Contact: <sip:alice@127.0.0.1:5070>\r\n" +
        "Record-Route: <sip:proxy1;lr>, <sip:proxy2;lr>\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: 4\r\n\r\n" +
        "v=0\n";

    private static SipMessage Parse(string text) => SipMessageParser.Parse(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void when_a_full_invite_is_parsed_every_header_and_the_body_are_read()
    {
        var request = (SipRequest)Parse(Invite);
        request.Method.Should().Be("INVITE");
        request.RequestUri.Should().Be("sip:bot@127.0.0.1:5060");
        request.CallId.Should().Be("1-2@127.0.0.1");
        request.CSeq.Should().Be(new CSeqHeader(1, "INVITE"));
        request.From.DisplayName.Should().Be("Alice");
        request.From.Tag.Should().Be("abc");
        request.To.Tag.Should().BeNull();
        request.TopVia.Branch.Should().Be("z9hG4bK-1");
        request.Vias.Select(v => v.SentBy).Should().Equal("127.0.0.1:5070", "10.0.0.1:5060");
        request.GetAll("Record-Route").Should().Equal("<sip:proxy1;lr>", "<sip:proxy2;lr>");
        request.BodyText.Should().Be("v=0\n");
    }

    [Fact]
    public void when_headers_use_compact_forms_any_case_and_folded_lines_they_are_understood()
    {
        var text =
            "OPTIONS sip:bot@127.0.0.1 SIP/2.0\n" +
            "v: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-2\n" +
            "f: <sip:a@127.0.0.1>;tag=1\n" +
            "t: <sip:bot@127.0.0.1>\n" +
            "i: folded-call-id\n" +
            "cseq   :  7\n" +
            "  OPTIONS\n" +
            "SUBJECT: hello\n" +
            "l: 0\n\n";
        var request = (SipRequest)Parse(text);
        request.CallId.Should().Be("folded-call-id");
        request.CSeq.Should().Be(new CSeqHeader(7, "OPTIONS"));
        request["subject"].Should().Be("hello");
        request.Headers.Select(h => h.Name).Should().Contain(["Via", "From", "To", "Call-ID", "CSeq", "Subject", "Content-Length"]);
    }

    [Fact]
    public void when_a_message_is_serialised_and_parsed_again_it_is_the_same()
    {
        var first = Parse(Invite);
        var again = SipMessageParser.Parse(first.ToBytes());
        again.ToString().Should().Be(first.ToString());
        again.Headers.Should().Equal(first.Headers.Where(h => h.Name != "Content-Length").Append(new SipHeader("Content-Length", "4")));
    }

    [Fact]
    public void when_a_response_is_built_for_a_request_it_copies_via_from_call_id_cseq_and_tags_to()
    {
        var request = (SipRequest)Parse(Invite);
        var response = SipResponse.For(request, 200, toTag: "xyz");
        var parsed = (SipResponse)SipMessageParser.Parse(response.ToBytes());
        parsed.StatusCode.Should().Be(200);
        parsed.Reason.Should().Be("OK");
        parsed.GetAll("Via").Should().HaveCount(2);
        parsed.To.Tag.Should().Be("xyz");
        parsed.From.Tag.Should().Be("abc");
        parsed.GetAll("Record-Route").Should().HaveCount(2);
    }

    [Theory]
    [InlineData("INVITE sip:bot@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\nContent-Length: 10\r\n\r\nshort", "truncated")]
    [InlineData("INVITE sip:bot@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>\r\nCSeq: 1 INVITE\r\n\r\n", "Call-ID")]
    [InlineData("INVITE sip:bot@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>\r\nCall-ID: x\r\nCSeq: 1 BYE\r\n\r\n", "does not match")]
    [InlineData("INVITE sip:bot@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>\r\nCall-ID: x\r\nCSeq: one INVITE\r\n\r\n", "invalid number")]
    [InlineData("INVITE sip:bot@127.0.0.1 SIP/3.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n\r\n", "SIP/2.0")]
    [InlineData("SIP/2.0 20 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n\r\n", "status code")]
    [InlineData("INVITE sip:bot@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom <sip:a@h>;tag=1\r\n\r\n", "not a token")]
    [InlineData("INVITE sip:bot@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\nMax-Forwards: 999\r\n\r\n", "Max-Forwards")]
    [InlineData("INVITE sip:bot@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: sip:a@h;tag=1\r\nTo: <sip:b@h\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\n\r\n", "Unclosed")]
    [InlineData("INVITE sip:bot@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\n", "no blank line")]
    [InlineData("INVITE bot SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n\r\n", "absolute URI")]
    public void when_a_message_is_malformed_the_parser_says_why(string text, string reason)
    {
        var parse = () => Parse(text);
        parse.Should().Throw<SipParseException>().Which.Message.Should().Contain(reason);
    }

    [Fact]
    public void when_bytes_follow_the_content_length_they_are_ignored()
    {
        var request = Parse(Invite.Replace("v=0\n", "v=0\nEXTRA"));
        request.BodyText.Should().Be("v=0\n");
    }

    [Fact]
    public void when_uris_are_parsed_user_host_port_and_parameters_are_read()
    {
        var uri = SipUri.Parse("sip:+441632960123@[::1]:5070;transport=udp;lr?subject=x");
        uri.User.Should().Be("+441632960123");
        uri.Host.Should().Be("[::1]");
        uri.Port.Should().Be(5070);
        uri.Parameter("lr").Should().Be("");
        uri.Parameter("transport").Should().Be("udp");
        uri.ToString().Should().Be("sip:+441632960123@[::1]:5070;transport=udp;lr?subject=x");
        ((Action)(() => SipUri.Parse("sip:bot@host:99999"))).Should().Throw<SipParseException>();
        ((Action)(() => SipUri.Parse("http://x"))).Should().Throw<SipParseException>();
    }
}
