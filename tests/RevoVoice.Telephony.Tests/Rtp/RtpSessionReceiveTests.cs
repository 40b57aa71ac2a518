using System.Diagnostics;
using RevoVoice.Telephony.Rtp;

namespace RevoVoice.Telephony.Tests.Rtp;

public sealed class RtpSessionReceiveTests
{
    [Fact]
    public async Task when_every_thread_pool_thread_is_busy_received_audio_is_still_handled_as_it_arrives()
    {
        await using var call = LoopbackRtpCall.Create();
        var (peer, session) = (call.PeerRtp, call.Session);
        session.Start();

        // Speech decoding or a burst of HTTP work can occupy every pool thread; the pool then adds one about every
        // half second. Occupy them all (and the ones it adds) while a caller sends 200 ms of audio.
        using var release = new ManualResetEventSlim();
        var busy = Enumerable.Range(0, Environment.ProcessorCount * 16)
            .Select(_ => Task.Factory.StartNew(() => release.Wait(TimeSpan.FromSeconds(5)), CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Default))
            .ToArray();
        long received = -1;
        var sender = new Thread(() =>
        {
            var datagram = new byte[RtpPacket.HeaderLength + 160];
            for (var i = 0; i < 10; i++)
            {
                var length = RtpPacket.Write(datagram, i == 0, 8, (ushort)i, (uint)(i * 160), 0x1234, new byte[160]);
                peer.SendTo(datagram.AsSpan(0, length), session.LocalEndPoint);
                Thread.Sleep(20);
            }
            // Given a moment for the last datagram, and measured before any pool thread is free again.
            var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 20;
            while (session.Statistics.PacketsReceived < 10 && Stopwatch.GetTimestamp() < deadline) Thread.Sleep(1);
            Interlocked.Exchange(ref received, session.Statistics.PacketsReceived);
        });
        sender.Start();
        sender.Join();
        release.Set();
        await Task.WhenAll(busy);

        Interlocked.Read(ref received).Should().Be(10, "RTP is read on the media clock's own receive thread, not the thread pool");
    }
}
