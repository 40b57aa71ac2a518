using RevoVoice.Telephony.Dtmf;
using RevoVoice.Telephony.Rtp;

namespace RevoVoice.Telephony.Tests.Rtp;

public class RtpPacketTests
{
    [Fact]
    public void when_a_packet_is_written_and_parsed_the_header_and_payload_survive()
    {
        var buffer = new byte[200];
        var length = RtpPacket.Write(buffer, marker: true, 8, 65535, 4_000_000_000, 0xDEADBEEF, new byte[] { 1, 2, 3 });
        RtpPacket.TryParse(buffer.AsMemory(0, length), out var packet).Should().BeTrue();
        packet.Should().BeEquivalentTo(new { Marker = true, PayloadType = (byte)8, SequenceNumber = (ushort)65535, Timestamp = 4_000_000_000u, Ssrc = 0xDEADBEEF });
        packet.Payload.ToArray().Should().Equal(1, 2, 3);
    }

    [Fact]
    public void when_a_packet_has_csrcs_an_extension_and_padding_they_are_skipped()
    {
        var data = new byte[] { 0xB1, 0x00, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, /*csrc*/ 9, 9, 9, 9, /*ext*/ 0xBE, 0xDE, 0, 1, 7, 7, 7, 7, /*payload*/ 42, 43, /*padding*/ 0, 2 };
        RtpPacket.TryParse(data, out var packet).Should().BeTrue();
        packet.Payload.ToArray().Should().Equal(42, 43);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0, 0 })]
    [InlineData(new byte[] { 0x40, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3 })]
    [InlineData(new byte[] { 0x8F, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3 })]
    [InlineData(new byte[] { 0xA0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 1, 200 })]
    [InlineData(new byte[] { 0x80, 200, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3 })]
    public void when_a_datagram_is_not_valid_rtp_it_is_refused_without_an_exception(byte[] data) =>
        RtpPacket.TryParse(data, out _).Should().BeFalse();

    [Fact]
    public void when_telephone_events_arrive_each_key_press_is_reported_once_in_order()
    {
        var receiver = new DtmfReceiver();
        var now = DateTimeOffset.UnixEpoch;
        var keys = new List<DtmfEvent>();
        uint timestamp = 1000;
        ushort sequence = 1;
        foreach (var code in new byte[] { 1, 2, 11, 10 })
        {
            for (var n = 1; n <= 8; n++) keys.AddRange(receiver.Receive(Packet(code, false, (ushort)(n * 160)), now));
            for (var n = 0; n < 3; n++) keys.AddRange(receiver.Receive(Packet(code, true, 1280), now));
            timestamp += 4000;
        }
        keys.Select(k => k.Digit).Should().Equal('1', '2', '#', '*');
        keys.Should().OnlyContain(k => k.Duration == TimeSpan.FromMilliseconds(160));

        RtpPacket Packet(byte code, bool end, ushort duration)
        {
            var payload = new byte[4];
            new TelephoneEvent(code, end, 10, duration).Write(payload);
            return new RtpPacket(false, 101, sequence++, timestamp, 1, payload);
        }
    }

    [Fact]
    public void when_every_end_packet_of_a_key_is_lost_the_key_is_still_reported_when_the_next_starts()
    {
        var receiver = new DtmfReceiver();
        var payload = new byte[4];
        new TelephoneEvent(5, false, 10, 160).Write(payload);
        receiver.Receive(new RtpPacket(true, 101, 1, 100, 1, payload), DateTimeOffset.UnixEpoch).Should().BeEmpty();
        new TelephoneEvent(6, false, 10, 160).Write(payload);
        receiver.Receive(new RtpPacket(true, 101, 2, 5000, 1, payload), DateTimeOffset.UnixEpoch).Select(k => k.Digit).Should().Equal('5');
    }

    [Fact]
    public void when_sequence_numbers_wrap_loss_and_expected_counts_stay_right()
    {
        var statistics = new ReceiveStatistics();
        ushort sequence = 65530;
        for (var i = 0; i < 20; i++)
        {
            if (i % 5 != 4) statistics.Accept(sequence, (uint)(i * 160), i * 160);
            sequence++;
        }
        statistics.Expected.Should().Be(19, "the last packet (i=19) was lost, so the highest seen is i=18");
        statistics.Lost.Should().Be(3);
        statistics.JitterMs.Should().Be(0);
    }
}
