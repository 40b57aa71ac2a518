using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Threading.Channels;
using RevoVoice.Telephony.Codecs;
using RevoVoice.Telephony.Dtmf;
using RevoVoice.Telephony.Sdp;

namespace RevoVoice.Telephony.Rtp;

/// <summary>
/// One call's audio stream (RFC 3550) on its own RTP/RTCP port pair: receives, reorders and conceals through a
/// <see cref="JitterBuffer"/> into <see cref="Input"/>; sends <see cref="Output"/> paced by the
/// <see cref="MediaClock"/> (silence when nothing is queued); RFC 4733 DTMF both ways; RTCP SR/RR every 5 s;
/// counters for <see cref="Statistics"/>. Malformed datagrams are dropped and counted.
/// </summary>
public sealed class RtpSession : IAsyncDisposable
{
    private const int MaxDatagramsPerWake = 32;

    private readonly Socket _rtp;
    private readonly Socket _rtcp;
    private readonly MediaClock _clock;
    private readonly TimeProvider _time;
    private readonly RtpSessionOptions _options;
    private readonly Channel<AudioFrame> _input;
    private readonly Channel<DtmfEvent> _dtmf = Channel.CreateUnbounded<DtmfEvent>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly ConcurrentQueue<(byte Event, int Packets)> _dtmfToSend = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly object _receiveGate = new();
    private readonly JitterBuffer _jitter = new();
    private readonly ReceiveStatistics _received = new();
    private readonly DtmfReceiver _dtmfReceiver = new();
    private readonly byte[] _sendBuffer = new byte[RtpPacket.HeaderLength + 320];
    private readonly byte[] _payload = new byte[AudioFrame.SamplesPerFrame];
    private readonly short[] _silence = new short[AudioFrame.SamplesPerFrame];
    private readonly short[] _decoded = new short[1500];
    private readonly uint _ssrc;
    private volatile NegotiatedMedia _media;
    private Task? _receiving;
    private uint? _remoteSsrc;
    private long? _highestTimestamp;
    private ushort _sequence;
    private uint _timestamp;
    private bool _marker = true;
    private long _packetsSent;
    private long _octetsSent;
    private long _malformed;
    private long _lastSendAt;
    private double _sendJitterSum;
    private long _sendJitterSamples;
    private long _lastReceivedAt;
    private long _nextRtcpAt;
    private uint _lastSenderReport;
    private long _lastSenderReportAt;
    private bool _timedOut;
    private (byte Event, int Packets, int Sent, uint Timestamp, int EndsSent)? _dtmfActive;
    private int _dtmfGap;
    private short[]? _pendingSent;
    private long _priorReceived;
    private long _priorExpected;
    private long _priorLost;
    private int _disposed;

    public RtpSession(Socket rtp, Socket rtcp, NegotiatedMedia media, MediaClock clock, TimeProvider time, RtpSessionOptions? options = null)
    {
        _rtp = rtp;
        _rtcp = rtcp;
        _media = media;
        _clock = clock;
        _time = time;
        _options = options ?? new RtpSessionOptions();
        _input = Channel.CreateBounded<AudioFrame>(new BoundedChannelOptions(_options.InputCapacityFrames)
        {
            FullMode = BoundedChannelFullMode.DropOldest, SingleWriter = true,
        });
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        _ssrc = BitConverter.ToUInt32(random);
        _timestamp = BitConverter.ToUInt32(random[4..]);
        _sequence = BitConverter.ToUInt16(random[8..]);
        LocalEndPoint = (IPEndPoint)rtp.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>The caller's audio, one 20 ms frame per tick while the peer sends (see <see cref="JitterBuffer"/>).</summary>
    public ChannelReader<AudioFrame> Input => _input.Reader;

    /// <summary>What we send; the media clock takes one frame per 20 ms.</summary>
    public AudioOutputQueue Output { get; } = new();

    /// <summary>RFC 4733 key presses from the peer.</summary>
    public ChannelReader<DtmfEvent> Dtmf => _dtmf.Reader;

    public NegotiatedMedia Media => _media;

    /// <summary>Raised once (on the clock thread) when the peer stopped sending for <see cref="RtpSessionOptions.MediaTimeout"/>.</summary>
    public event Action? MediaTimedOut;

    /// <summary>Called on every tick with the frame played out (if any) and the frame sent (if any); used for recording. Must not block.</summary>
    public Action<AudioFrame?, short[]?>? FrameTap { get; set; }

    public RtpStreamStatistics Statistics
    {
        get
        {
            lock (_receiveGate)
            {
                return new RtpStreamStatistics(
                    _priorReceived + _received.Received, _priorExpected + _received.Expected, _priorLost + _received.Lost, Interlocked.Read(ref _malformed), _received.JitterMs,
                    Interlocked.Read(ref _packetsSent), _sendJitterSamples == 0 ? 0 : _sendJitterSum / _sendJitterSamples, _jitter.ConcealedFrames);
            }
        }
    }

    public void Start()
    {
        _lastReceivedAt = _time.GetTimestamp();
        _nextRtcpAt = _lastReceivedAt + Ticks(_options.RtcpInterval);
        // RTCP (a report every few seconds) can wait for a pool thread; RTP is read by the clock shard where it can be.
        var rtcp = Task.Run(() => ReceiveLoopAsync(_rtcp, OnRtcp, _stop.Token));
        if (_clock.ReceivesRtp)
        {
            _rtp.Blocking = false; // the shard's thread reads what epoll reported and never waits on one call's socket
            _receiving = rtcp;
        }
        else _receiving = Task.WhenAll(rtcp, Task.Run(() => ReceiveLoopAsync(_rtp, OnRtp, _stop.Token)));
        _clock.Add(this);
    }

    /// <summary>Applies a new offer/answer (re-INVITE: hold, unhold, new address).</summary>
    public void Update(NegotiatedMedia media)
    {
        var resumed = !_media.Direction.CanSend() && media.Direction.CanSend();
        _media = media;
        if (resumed) _marker = true;
        _lastReceivedAt = _time.GetTimestamp();
    }

    /// <summary>Queues RFC 4733 key presses (0-9 * # A-D), each held for <paramref name="duration"/> (default 100 ms).</summary>
    /// <exception cref="ArgumentException">a character that is not a DTMF key.</exception>
    public void SendDtmf(string digits, TimeSpan? duration = null)
    {
        var packets = Math.Max(2, (int)((duration ?? TimeSpan.FromMilliseconds(100)).TotalMilliseconds / 20));
        foreach (var digit in digits)
        {
            var code = TelephoneEvent.FromDigit(digit) ?? throw new ArgumentException($"'{digit}' is not a DTMF key.", nameof(digits));
            _dtmfToSend.Enqueue((code, packets));
        }
    }

    /// <summary>True while DTMF is being or waiting to be sent.</summary>
    public bool IsSendingDtmf => _dtmfActive is not null || !_dtmfToSend.IsEmpty;

    internal void TickSend(long idealTimestamp)
    {
        var media = _media;
        _timestamp += AudioFrame.SamplesPerFrame;
        short[]? sent = null;
        if (media.Direction.CanSend() && media.Remote is not null)
        {
            if (media.TelephoneEventPayloadType is { } te && TrySendDtmf(te, media.Remote))
            {
                RecordSendTime();
            }
            else if (Output.TryDequeue(out var frame, out var sequence))
            {
                SendAudio(media, frame);
                Output.MarkSent(sequence);
                sent = frame;
                RecordSendTime();
            }
            else if (_options.SendSilence)
            {
                SendAudio(media, _silence);
                RecordSendTime();
            }
        }
        else
        {
            _lastSendAt = 0;
        }
        _pendingSent = sent;
        if (_time.GetTimestamp() >= _nextRtcpAt) SendRtcp(media);
    }


    internal void TickReceive(DateTimeOffset now)
    {
        AudioFrame? played = null;
        lock (_receiveGate)
        {
            if (_jitter.TryPlayout(now, out var frame)) played = frame;
        }
        if (played is { } f) _input.Writer.TryWrite(f);
        FrameTap?.Invoke(played, _pendingSent);
        _pendingSent = null;
        var media = _media;
        if (!_timedOut && media.Direction.CanReceive() && _time.GetTimestamp() - Interlocked.Read(ref _lastReceivedAt) > Ticks(_options.MediaTimeout))
        {
            _timedOut = true;
            MediaTimedOut?.Invoke();
        }
    }

    private void SendAudio(NegotiatedMedia media, short[] pcm)
    {
        media.Codec.Encode(pcm, _payload);
        var length = RtpPacket.Write(_sendBuffer, _marker, media.PayloadType, _sequence++, _timestamp, _ssrc, _payload);
        _marker = false;
        Send(_rtp, _sendBuffer.AsSpan(0, length), media.Remote!);
        _packetsSent++;
        _octetsSent += _payload.Length;
    }

    private bool TrySendDtmf(byte payloadType, IPEndPoint remote)
    {
        if (_dtmfActive is null)
        {
            if (_dtmfGap > 0)
            {
                _dtmfGap--;
                return false;
            }
            if (!_dtmfToSend.TryDequeue(out var next)) return false;
            _dtmfActive = (next.Event, next.Packets, 0, _timestamp, 0);
        }
        var active = _dtmfActive.Value;
        Span<byte> payload = stackalloc byte[TelephoneEvent.Length];
        var ending = active.Sent >= active.Packets;
        var duration = (ushort)Math.Min(ushort.MaxValue, (Math.Min(active.Sent, active.Packets) + 1) * AudioFrame.SamplesPerFrame);
        new TelephoneEvent(active.Event, ending, 10, duration).Write(payload);
        var length = RtpPacket.Write(_sendBuffer, active.Sent == 0, payloadType, _sequence++, active.Timestamp, _ssrc, payload);
        Send(_rtp, _sendBuffer.AsSpan(0, length), remote);
        _packetsSent++;
        _octetsSent += TelephoneEvent.Length;
        if (ending)
        {
            // The end packet goes out three times (RFC 4733 2.5.1.4), then a short gap of audio before the next key.
            active.EndsSent++;
            if (active.EndsSent >= 3)
            {
                _dtmfActive = null;
                _dtmfGap = 3;
                _marker = true;
                return true;
            }
        }
        else
        {
            active.Sent++;
        }
        _dtmfActive = active;
        return true;
    }

    private void RecordSendTime()
    {
        var now = _time.GetTimestamp();
        if (_lastSendAt != 0)
        {
            var intervalMs = MediaClock.ToMilliseconds(now - _lastSendAt, _time);
            _sendJitterSum += Math.Abs(intervalMs - MediaClock.Period.TotalMilliseconds);
            _sendJitterSamples++;
        }
        _lastSendAt = now;
    }

    private void SendRtcp(NegotiatedMedia media)
    {
        _nextRtcpAt = _time.GetTimestamp() + Ticks(_options.RtcpInterval);
        if (media.Remote is null) return;
        RtcpReportBlock? block = null;
        lock (_receiveGate)
        {
            if (_remoteSsrc is { } remote)
            {
                var delay = _lastSenderReportAt == 0 ? 0u : (uint)((_time.GetTimestamp() - _lastSenderReportAt) * 65536 / _time.TimestampFrequency);
                block = new RtcpReportBlock(remote, _received.TakeFractionLost(), (int)Math.Min(int.MaxValue, _received.Lost),
                    (uint)_received.HighestExtendedSequence, _received.JitterTimestampUnits, _lastSenderReport, delay);
            }
        }
        (ulong, uint, uint, uint)? sender = _packetsSent > 0
            ? (RtcpPackets.ToNtp(_time.GetUtcNow()), _timestamp, (uint)_packetsSent, (uint)_octetsSent)
            : null;
        var packet = RtcpPackets.BuildCompound(_ssrc, _options.Cname, sender, block);
        Send(_rtcp, packet, new IPEndPoint(media.Remote.Address, media.Remote.Port + 1));
    }

    private void OnRtp(ReadOnlyMemory<byte> datagram)
    {
        if (!RtpPacket.TryParse(datagram, out var packet))
        {
            Interlocked.Increment(ref _malformed);
            return;
        }
        var media = _media;
        var arrival = _time.GetTimestamp();
        Interlocked.Exchange(ref _lastReceivedAt, arrival);
        var now = _time.GetUtcNow();
        var arrivalUnits = (long)(arrival / (double)_time.TimestampFrequency * AudioFrame.SampleRate);
        lock (_receiveGate)
        {
            if (_remoteSsrc != packet.Ssrc)
            {
                if (_remoteSsrc is not null)
                {
                    // A new source (e.g. a DTMF generator, a re-INVITE): keep its predecessor's counts in the totals.
                    _priorReceived += _received.Received;
                    _priorExpected += _received.Expected;
                    _priorLost += _received.Lost;
                    _jitter.Reset();
                    _received.Reset();
                    _highestTimestamp = null;
                }
                _remoteSsrc = packet.Ssrc;
            }
            if (packet.PayloadType == media.PayloadType)
            {
                var payload = packet.Payload.Span;
                if (payload.Length == 0 || payload.Length > _decoded.Length)
                {
                    Interlocked.Increment(ref _malformed);
                    return;
                }
                _received.Accept(packet.SequenceNumber, packet.Timestamp, arrivalUnits);
                media.Codec.Decode(payload, _decoded);
                _jitter.Insert(Unwrap(packet.Timestamp), _decoded.AsSpan(0, payload.Length), now);
                if (_received.Received % 50 == 0) _jitter.Adapt(_received.JitterMs);
            }
            else if (packet.PayloadType == media.TelephoneEventPayloadType)
            {
                _received.Accept(packet.SequenceNumber, packet.Timestamp, arrivalUnits);
                foreach (var key in _dtmfReceiver.Receive(packet, now)) _dtmf.Writer.TryWrite(key);
            }
            else if (packet.PayloadType != 13)
            {
                // Not negotiated (comfort noise, payload type 13, is tolerated silently).
                Interlocked.Increment(ref _malformed);
            }
        }
    }

    private long Unwrap(uint timestamp)
    {
        if (_highestTimestamp is null)
        {
            _highestTimestamp = timestamp;
            return timestamp;
        }
        var extended = _highestTimestamp.Value + (int)(timestamp - (uint)_highestTimestamp.Value);
        if (extended > _highestTimestamp.Value) _highestTimestamp = extended;
        return extended;
    }

    private void OnRtcp(ReadOnlyMemory<byte> datagram)
    {
        if (!RtcpPackets.TryRead(datagram.Span, out var lastSenderReport, out _))
        {
            Interlocked.Increment(ref _malformed);
            return;
        }
        if (lastSenderReport is { } lsr)
        {
            lock (_receiveGate)
            {
                _lastSenderReport = lsr;
                _lastSenderReportAt = _time.GetTimestamp();
            }
        }
    }

    internal Socket RtpSocket => _rtp;

    /// <summary>
    /// Handles the datagrams waiting on the RTP socket (at most a burst's worth, so one flooded port cannot hold up the
    /// other calls on the thread); called by the clock shard's <see cref="RtpReceiver"/> when the socket is readable.
    /// </summary>
    internal void ReceiveAvailable(byte[] buffer)
    {
        for (var i = 0; i < MaxDatagramsPerWake; i++)
        {
            int received;
            SocketError error;
            try
            {
                received = _rtp.Receive(buffer, 0, buffer.Length, SocketFlags.None, out error);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            // WouldBlock: drained. Anything else (an ICMP error reported on the socket) is consumed by this read.
            if (error != SocketError.Success) return;
            OnRtp(buffer.AsMemory(0, received));
        }
    }

    private static async Task ReceiveLoopAsync(Socket socket, Action<ReadOnlyMemory<byte>> handle, CancellationToken cancellationToken)
    {
        var buffer = new byte[2048];
        while (!cancellationToken.IsCancellationRequested)
        {
            int received;
            try
            {
                // No source address and no cancellation registration per packet: this runs 50 times a second per call.
                // Disposing the socket ends the loop.
                received = await socket.ReceiveAsync(buffer, SocketFlags.None);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException) when (!cancellationToken.IsCancellationRequested)
            {
                continue; // ICMP unreachable after the peer closed its port; keep listening
            }
            catch (SocketException)
            {
                return;
            }
            handle(buffer.AsMemory(0, received));
        }
    }

    private static void Send(Socket socket, ReadOnlySpan<byte> datagram, IPEndPoint remote)
    {
        try
        {
            socket.SendTo(datagram, SocketFlags.None, remote);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _clock.Remove(this);
        await _stop.CancelAsync();
        _rtp.Dispose();
        _rtcp.Dispose();
        if (_receiving is not null) await _receiving;
        _input.Writer.TryComplete();
        _dtmf.Writer.TryComplete();
        Output.Flush();
        _stop.Dispose();
    }
}
