using RevoVoice.Telephony.Codecs;
using RevoVoice.Telephony.Rtp;

namespace RevoVoice.Telephony.Tests.Rtp;

public class JitterBufferTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static short[] Frame(short value) => Enumerable.Repeat(value, AudioFrame.SamplesPerFrame).ToArray();

    private static List<AudioFrame> Drain(JitterBuffer buffer, int ticks)
    {
        var frames = new List<AudioFrame>();
        for (var i = 0; i < ticks; i++)
            if (buffer.TryPlayout(Now, out var frame)) frames.Add(frame);
        return frames;
    }

    [Fact]
    public void when_packets_arrive_out_of_order_they_play_in_timestamp_order()
    {
        var buffer = new JitterBuffer(minDelayFrames: 3);
        foreach (var index in new[] { 0, 2, 1, 4, 3, 5 }) buffer.Insert(1000 + index * 160, Frame((short)(index + 1)), Now);
        var played = Drain(buffer, 6);
        played.Select(f => f.Samples.Span[0]).Should().Equal(1, 2, 3, 4, 5, 6);
        played.Should().OnlyContain(f => !f.Concealed);
        played.Select(f => f.RtpTimestamp).Should().BeInAscendingOrder();
    }

    [Fact]
    public void when_a_packet_is_lost_its_slot_is_concealed_with_a_fading_copy_and_time_keeps_flowing()
    {
        var buffer = new JitterBuffer(minDelayFrames: 2);
        foreach (var index in new[] { 0, 1, 3, 4 }) buffer.Insert(index * 160, Frame(1000), Now);
        var played = Drain(buffer, 5);
        played.Should().HaveCount(5);
        played[2].Concealed.Should().BeTrue();
        played[2].Samples.Span[0].Should().BeInRange(1, 999, "a faded copy of the previous frame");
        played[2].RtpTimestamp.Should().Be(320);
        buffer.ConcealedFrames.Should().Be(1);
    }

    [Fact]
    public void when_a_packet_arrives_after_its_slot_was_played_it_is_dropped_as_late()
    {
        var buffer = new JitterBuffer(minDelayFrames: 2);
        buffer.Insert(0, Frame(1), Now);
        buffer.Insert(320, Frame(3), Now);
        Drain(buffer, 2);
        buffer.Insert(160, Frame(2), Now);
        buffer.LatePackets.Should().Be(1);
    }

    [Fact]
    public void when_packets_carry_10ms_or_30ms_they_are_reframed_into_20ms_frames()
    {
        var buffer = new JitterBuffer(minDelayFrames: 4);
        for (var i = 0; i < 4; i++) buffer.Insert(i * 240, Enumerable.Repeat((short)(i + 1), 240).ToArray(), Now);
        var played = Drain(buffer, 6);
        played.Should().HaveCount(6);
        played[0].Samples.Span[0].Should().Be(1);
        played[1].Samples.Span[0].Should().Be(1);
        played[1].Samples.Span[100].Should().Be(2);
    }

    [Fact]
    public void when_the_stream_stops_the_buffer_stops_after_a_few_concealed_frames_and_rebuffers_longer()
    {
        var buffer = new JitterBuffer(minDelayFrames: 2);
        buffer.Insert(0, Frame(5), Now);
        buffer.Insert(160, Frame(5), Now);
        var played = Drain(buffer, 20);
        played.Count(f => !f.Concealed).Should().Be(2);
        played.Count(f => f.Concealed).Should().BeLessThanOrEqualTo(5);
        buffer.TargetDelayFrames.Should().BeGreaterThan(2);
    }

    [Fact]
    public void when_jitter_is_high_the_target_delay_grows_and_when_it_falls_it_shrinks()
    {
        var buffer = new JitterBuffer(minDelayFrames: 2, maxDelayFrames: 12);
        buffer.Adapt(jitterMs: 60);
        var high = buffer.TargetDelayFrames;
        high.Should().BeGreaterThan(5);
        for (var i = 0; i < 10; i++) buffer.Adapt(jitterMs: 1);
        buffer.TargetDelayFrames.Should().BeLessThan(high);
    }
}
