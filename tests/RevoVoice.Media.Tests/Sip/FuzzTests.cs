using System.Net;
using System.Net.Sockets;
using System.Text;
using RevoVoice.Telephony.Dtmf;
using RevoVoice.Telephony.Rtp;
using RevoVoice.Telephony.Sdp;
using RevoVoice.Telephony.Sip.Messages;

namespace RevoVoice.Media.Tests.Sip;

/// <summary>10,000 mutated or truncated SIP messages and 10,000 RTP packets: against the parsers, then against the live host.</summary>
public sealed class FuzzTests : IAsyncLifetime
{
    private const int Count = 10_000;
    private MediaHost _host = null!;

    public Task InitializeAsync()
    {
        // Mutants that still parse as INVITEs would become calls; cap them so the corpus cannot exhaust the test machine.
        _host = new MediaHost(new Dictionary<string, string?> { ["RevoVoice:Media:MaxConcurrentCalls"] = "3" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void when_the_parsers_get_the_corpus_they_only_ever_accept_or_refuse_with_a_typed_error()
    {
        var parsed = 0;
        var refused = 0;
        foreach (var datagram in FuzzCorpus.Sip(Count))
        {
            try
            {
                var message = SipMessageParser.Parse(datagram);
                parsed++;
                SipMessageParser.Parse(message.ToBytes()).ToString().Should().Be(message.ToString(), "what we accept we serialise and re-read identically");
                if (message.Body.Length > 0)
                {
                    try
                    {
                        SessionDescription.Parse(message.BodyText);
                    }
                    catch (SdpParseException)
                    {
                    }
                }
            }
            catch (SipParseException)
            {
                refused++;
            }
        }
        (parsed + refused).Should().Be(Count);
        refused.Should().BeGreaterThan(Count / 2);
        parsed.Should().BeGreaterThan(100, "benign mutations (odd line ends, bigger but valid values) must still parse");

        var receiver = new DtmfReceiver();
        var jitter = new JitterBuffer();
        var accepted = 0;
        foreach (var datagram in FuzzCorpus.Rtp(Count))
        {
            RtcpPackets.TryRead(datagram, out _, out _);
            if (!RtpPacket.TryParse(datagram, out var packet)) continue;
            accepted++;
            receiver.Receive(packet, DateTimeOffset.UnixEpoch);
            jitter.Insert(packet.Timestamp, new short[packet.Payload.Length], DateTimeOffset.UnixEpoch);
            jitter.TryPlayout(DateTimeOffset.UnixEpoch, out _);
        }
        accepted.Should().BeInRange(1000, Count - 1000);
    }

    [Fact]
    public async Task when_the_live_host_is_fed_the_corpus_it_answers_400_or_drops_and_counts_and_keeps_serving()
    {
        // A real call first, whose RTP port then receives the RTP corpus.
        using var caller = new RawSipClient(_host.SipPort);
        var invite = caller.Invite("echo");
        caller.Send(invite);
        var ok = (await caller.ReceiveUntilAsync(r => r.StatusCode >= 200, TimeSpan.FromSeconds(5))).Last();
        ok.StatusCode.Should().Be(200);
        caller.Send(caller.Ack(invite, ok));
        var rtpPort = SessionDescription.Parse(ok.BodyText).Media[0].Port;

        var transport = _host.Gateway.Transport;
        var malformedBefore = transport.MalformedDatagrams;
        using var fuzzer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        fuzzer.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var sip = new IPEndPoint(IPAddress.Loopback, _host.SipPort);
        var rtp = new IPEndPoint(IPAddress.Loopback, rtpPort);
        var answers = new List<byte[]>();
        var draining = Task.Run(async () =>
        {
            var buffer = new byte[65536];
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                while (true)
                {
                    var result = await fuzzer.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), stop.Token);
                    lock (answers) answers.Add(buffer[..result.ReceivedBytes]);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
            }
        });
        var sent = 0;
        foreach (var (sipDatagram, rtpDatagram) in FuzzCorpus.Sip(Count).Zip(FuzzCorpus.Rtp(Count)))
        {
            fuzzer.SendTo(sipDatagram, sip);
            fuzzer.SendTo(rtpDatagram, rtp);
            // Pace the flood so the kernel's socket buffers (not our parser) are never the reason for a drop.
            if (++sent % 200 == 0) await Task.Delay(20);
        }
        await Task.Delay(1500);

        var malformed = transport.MalformedDatagrams - malformedBefore;
        malformed.Should().BeGreaterThan(Count / 2);
        int badRequests;
        lock (answers) badRequests = answers.Count(a => Encoding.UTF8.GetString(a).StartsWith("SIP/2.0 400"));
        badRequests.Should().BeGreaterThan(100, "malformed requests that still identify their transaction get 400");
        transport.BadRequestsAnswered.Should().BeGreaterThanOrEqualTo(badRequests);

        // Still serving: the original call's RTP session counted the garbage, and SIP still answers.
        _host.Gateway.Calls.Single(c => c.Info.SipCallId == invite.Split("Call-ID: ")[1].Split("\r\n")[0]).Statistics.PacketsMalformed.Should().BeGreaterThan(1000);
        caller.Send(caller.Bye(invite, ok));
        (await caller.ReceiveUntilAsync(r => r.CSeq.Method == "BYE", TimeSpan.FromSeconds(5))).Last().StatusCode.Should().Be(200);
        using var probe = new RawSipClient(_host.SipPort);
        probe.Send($"OPTIONS sip:revovoice@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{probe.Port};branch=z9hG4bK-alive\r\n" +
                   "From: <sip:p@127.0.0.1>;tag=1\r\nTo: <sip:revovoice@127.0.0.1>\r\nCall-ID: alive\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
        (await probe.ReceiveUntilAsync(r => r.StatusCode >= 200, TimeSpan.FromSeconds(5))).Last().StatusCode.Should().Be(200);
        fuzzer.Close();
        await draining;
    }
}
