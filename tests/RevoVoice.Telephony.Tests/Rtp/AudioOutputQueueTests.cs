using RevoVoice.Telephony.Rtp;

namespace RevoVoice.Telephony.Tests.Rtp;

public class AudioOutputQueueTests
{
    [Fact]
    public async Task when_audio_is_enqueued_it_is_split_into_padded_20ms_frames_and_completes_when_sent()
    {
        var queue = new AudioOutputQueue();
        var last = queue.Enqueue(Enumerable.Repeat((short)7, 400).ToArray());
        queue.QueuedFrames.Should().Be(3);
        var sent = queue.WhenSentAsync(last);
        while (queue.TryDequeue(out var frame, out var sequence))
        {
            frame.Should().HaveCount(160);
            queue.MarkSent(sequence);
            if (sequence == last) frame[80].Should().Be(0, "the last frame is padded with silence");
        }
        (await sent).Should().BeTrue();
        queue.SentFrames.Should().Be(3);
    }

    [Fact]
    public async Task when_flushed_unsent_frames_are_dropped_at_once_and_their_waiters_learn_it()
    {
        var queue = new AudioOutputQueue();
        var first = queue.Enqueue(new short[160]);
        var last = queue.Enqueue(new short[1600]);
        queue.TryDequeue(out _, out var sequence).Should().BeTrue();
        queue.MarkSent(sequence);
        var pending = queue.WhenSentAsync(last);
        queue.Flush().Should().Be(10);
        queue.IsPlaying.Should().BeFalse();
        (await pending).Should().BeFalse();
        (await queue.WhenSentAsync(first)).Should().BeTrue();
        (await queue.WhenIdleAsync()).Should().BeFalse("the last frame queued was flushed");
    }

    [Fact]
    public void when_more_than_the_capacity_is_queued_it_refuses_with_a_typed_error()
    {
        var queue = new AudioOutputQueue(capacityFrames: 2);
        var enqueue = () => queue.Enqueue(new short[161 * 2]);
        enqueue.Should().Throw<AudioOutputOverflowException>();
    }
}
