namespace RevoVoice.Telephony.Rtp;

/// <summary>More audio was queued for a call than its output queue holds.</summary>
public sealed class AudioOutputOverflowException(int capacityFrames)
    : InvalidOperationException($"The call's output queue holds at most {capacityFrames} frames of 20 ms; flush or wait before queueing more.")
{
    public int CapacityFrames { get; } = capacityFrames;
}
