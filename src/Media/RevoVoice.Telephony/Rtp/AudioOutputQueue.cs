using RevoVoice.Telephony.Codecs;

namespace RevoVoice.Telephony.Rtp;

/// <summary>
/// What the platform says to the peer: 20 ms frames of 8 kHz PCM16 waiting for the paced RTP sender.
/// Producers enqueue any amount of audio; the sender takes one frame per 20 ms tick and confirms it was sent.
/// <see cref="Flush"/> drops everything not yet sent at once (barge-in). Thread-safe.
/// </summary>
public sealed class AudioOutputQueue
{
    private readonly object _gate = new();
    private readonly Queue<(short[] Frame, long Sequence)> _frames = new();
    private readonly List<(long Sequence, TaskCompletionSource<bool> Done)> _waiters = [];
    private readonly int _capacity;
    private short[]? _partial;
    private int _partialLength;
    private long _nextSequence;
    private long _lastSent = -1;
    private long _sentFrames;
    private long _flushedFrames;

    /// <param name="capacityFrames">the most frames that may wait (default 5 minutes of audio).</param>
    public AudioOutputQueue(int capacityFrames = 15_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityFrames, 1);
        _capacity = capacityFrames;
    }

    /// <summary>Frames waiting to be sent.</summary>
    public int QueuedFrames
    {
        get { lock (_gate) return _frames.Count; }
    }

    /// <summary>Frames the sender has put on the wire since the call started.</summary>
    public long SentFrames => Interlocked.Read(ref _sentFrames);

    /// <summary>Frames dropped by <see cref="Flush"/> since the call started.</summary>
    public long FlushedFrames => Interlocked.Read(ref _flushedFrames);

    /// <summary>True while frames are waiting or a partial frame is pending.</summary>
    public bool IsPlaying
    {
        get { lock (_gate) return _frames.Count > 0 || _partialLength > 0; }
    }

    /// <summary>
    /// Appends audio (any length). Whole 20 ms frames become sendable at once; a trailing partial frame waits for
    /// more audio or for <see cref="Enqueue(ReadOnlySpan{short}, bool)"/> with <c>endOfUtterance</c> (pads it with silence).
    /// </summary>
    /// <returns>the sequence number of the last frame now queued (pass it to <see cref="WhenSentAsync"/>), or -1 if none.</returns>
    /// <exception cref="AudioOutputOverflowException">more than the capacity would wait.</exception>
    public long Enqueue(ReadOnlySpan<short> pcm8k, bool endOfUtterance = true)
    {
        lock (_gate)
        {
            var pendingFrames = (_partialLength + pcm8k.Length + AudioFrame.SamplesPerFrame - 1) / AudioFrame.SamplesPerFrame;
            if (_frames.Count + pendingFrames > _capacity)
                throw new AudioOutputOverflowException(_capacity);
            var last = -1L;
            while (pcm8k.Length > 0)
            {
                _partial ??= new short[AudioFrame.SamplesPerFrame];
                var take = Math.Min(pcm8k.Length, AudioFrame.SamplesPerFrame - _partialLength);
                pcm8k[..take].CopyTo(_partial.AsSpan(_partialLength));
                _partialLength += take;
                pcm8k = pcm8k[take..];
                if (_partialLength == AudioFrame.SamplesPerFrame) last = CommitPartial();
            }
            if (endOfUtterance && _partialLength > 0) last = CommitPartial();
            return last;
        }
    }

    /// <summary>Appends one whole frame (160 samples).</summary>
    public long Enqueue(AudioFrame frame) => Enqueue(frame.Samples.Span);

    /// <summary>Called by the paced sender on each tick.</summary>
    public bool TryDequeue(out short[] frame, out long sequence)
    {
        lock (_gate)
        {
            if (_frames.TryDequeue(out var next))
            {
                (frame, sequence) = next;
                return true;
            }
        }
        frame = [];
        sequence = -1;
        return false;
    }

    /// <summary>Called by the paced sender after the frame with this sequence number went out.</summary>
    public void MarkSent(long sequence)
    {
        List<TaskCompletionSource<bool>>? done = null;
        lock (_gate)
        {
            _sentFrames++;
            if (sequence > _lastSent) _lastSent = sequence;
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Sequence > _lastSent) continue;
                (done ??= []).Add(_waiters[i].Done);
                _waiters.RemoveAt(i);
            }
        }
        done?.ForEach(d => d.TrySetResult(true));
    }

    /// <summary>Drops every frame not yet sent (barge-in). Waiters for dropped frames complete with false.</summary>
    /// <returns>how many frames were dropped.</returns>
    public int Flush()
    {
        List<TaskCompletionSource<bool>> dropped;
        int count;
        lock (_gate)
        {
            count = _frames.Count + (_partialLength > 0 ? 1 : 0);
            _frames.Clear();
            _partialLength = 0;
            _flushedFrames += count;
            dropped = _waiters.Where(w => w.Sequence > _lastSent).Select(w => w.Done).ToList();
            _waiters.RemoveAll(w => w.Sequence > _lastSent);
        }
        dropped.ForEach(d => d.TrySetResult(false));
        return count;
    }

    /// <summary>Completes with true once the frame with this sequence number was sent, false if it was flushed first.</summary>
    public Task<bool> WhenSentAsync(long sequence, CancellationToken cancellationToken = default)
    {
        TaskCompletionSource<bool> done;
        lock (_gate)
        {
            if (sequence <= _lastSent) return Task.FromResult(true);
            if (!_frames.Any(f => f.Sequence == sequence) && sequence < _nextSequence) return Task.FromResult(false);
            done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((sequence, done));
        }
        return cancellationToken.CanBeCanceled ? done.Task.WaitAsync(cancellationToken) : done.Task;
    }

    /// <summary>Completes when everything queued so far has been sent (true) or flushed (false).</summary>
    public Task<bool> WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        long last;
        lock (_gate)
        {
            if (_partialLength > 0) CommitPartial();
            last = _nextSequence - 1;
        }
        return last < 0 ? Task.FromResult(true) : WhenSentAsync(last, cancellationToken);
    }

    private long CommitPartial()
    {
        var frame = _partial!;
        if (_partialLength < frame.Length) Array.Clear(frame, _partialLength, frame.Length - _partialLength);
        var sequence = _nextSequence++;
        _frames.Enqueue((frame, sequence));
        _partial = null;
        _partialLength = 0;
        return sequence;
    }
}
