using System.Net;
using RevoVoice.Telephony.Codecs;
using RevoVoice.Telephony.Sdp;

namespace RevoVoice.Telephony.Tests.Sdp;

public class SdpNegotiatorTests
{
    private const string Offer =
        "v=0\r\no=sipp 1 2 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n" +
        "m=video 5000 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n" +
        "m=audio 6000 RTP/AVP 18 8 0 96\r\nc=IN IP4 10.0.0.2\r\na=rtpmap:18 G729/8000\r\na=rtpmap:96 telephone-event/8000\r\na=ptime:20\r\na=sendonly\r\n";

    [Fact]
    public void when_answering_it_picks_the_first_common_codec_keeps_the_event_type_and_mirrors_the_direction()
    {
        var (answer, media) = SdpNegotiator.Answer(SessionDescription.Parse(Offer), IPAddress.Loopback, 20000, 1, 1);
        media.Codec.Should().Be(G711ALaw.Instance);
        media.PayloadType.Should().Be(8);
        media.TelephoneEventPayloadType.Should().Be(96);
        media.Remote.Should().Be(new IPEndPoint(IPAddress.Parse("10.0.0.2"), 6000), "the media-level c= wins over the session's");
        media.Direction.Should().Be(MediaDirection.RecvOnly, "the caller put us on hold (sendonly)");

        var parsed = SessionDescription.Parse(answer.ToString());
        parsed.Media.Should().HaveCount(2);
        parsed.Media[0].Port.Should().Be(0, "video is rejected");
        parsed.Media[1].Port.Should().Be(20000);
        parsed.Media[1].Formats.Should().Equal("8", "96");
        parsed.DirectionOf(parsed.Media[1]).Should().Be(MediaDirection.RecvOnly);
        parsed.ConnectionAddress.Should().Be("127.0.0.1");
    }

    [Fact]
    public void when_no_codec_is_common_negotiation_fails_with_the_codecs_named()
    {
        var offer = SessionDescription.Parse("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4 1.2.3.4\r\nt=0 0\r\nm=audio 4000 RTP/AVP 18\r\n");
        var answer = () => SdpNegotiator.Answer(offer, IPAddress.Loopback, 20000, 1, 1);
        answer.Should().Throw<SdpNegotiationException>().Which.Message.Should().Contain("G729");
    }

    [Fact]
    public void when_the_offer_holds_with_a_zero_address_we_do_not_send()
    {
        var offer = SessionDescription.Parse("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n");
        var (_, media) = SdpNegotiator.Answer(offer, IPAddress.Loopback, 20000, 1, 1);
        media.Remote.Should().BeNull();
        media.Direction.Should().Be(MediaDirection.RecvOnly);
    }

    [Fact]
    public void when_our_offer_is_answered_the_answer_is_read()
    {
        var offer = SdpNegotiator.CreateOffer(IPAddress.Loopback, 30000, 5, 1);
        var (answer, _) = SdpNegotiator.Answer(SessionDescription.Parse(offer.ToString()), IPAddress.Loopback, 20000, 1, 1);
        var media = SdpNegotiator.ReadAnswer(SessionDescription.Parse(answer.ToString()));
        media.Codec.Should().Be(G711MuLaw.Instance);
        media.TelephoneEventPayloadType.Should().Be(101);
        media.Remote!.Port.Should().Be(20000);
        media.Direction.Should().Be(MediaDirection.SendRecv);
    }

    [Theory]
    [InlineData("x=0\r\n")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\n")]
    [InlineData("v=0\r\nm=audio port RTP/AVP 0\r\n")]
    [InlineData("v=0\r\nc=IN XX 1.2.3.4\r\nm=audio 1 RTP/AVP 0\r\n")]
    [InlineData("v=0\r\nthis is not sdp\r\nm=audio 1 RTP/AVP 0\r\n")]
    public void when_a_description_is_malformed_parsing_fails_with_a_typed_error(string text) =>
        ((Action)(() => SessionDescription.Parse(text))).Should().Throw<SdpParseException>();
}
