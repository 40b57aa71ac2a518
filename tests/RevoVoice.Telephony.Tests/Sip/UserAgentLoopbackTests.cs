using System.Net;
using RevoVoice.Telephony.Codecs;
using RevoVoice.Telephony.Rtp;
using RevoVoice.Telephony.Sdp;
using RevoVoice.Telephony.Sip.Dialogs;
using RevoVoice.Telephony.Sip.Messages;
using RevoVoice.Telephony.Sip.Transactions;
using RevoVoice.Telephony.Sip.Transport;

namespace RevoVoice.Telephony.Tests.Sip;

/// <summary>Two of our user agents call each other over real UDP sockets: SIP, SDP, RTP, DTMF and BYE end to end.</summary>
public sealed class UserAgentLoopbackTests : IAsyncLifetime
{
    private readonly TimeProvider _time = TimeProvider.System;
    private readonly MediaClock _clock = new(TimeProvider.System);
    private readonly List<IAsyncDisposable> _disposables = [];
    private SipUserAgent _caller = null!;
    private SipUserAgent _callee = null!;
    private RtpPortAllocator _ports = null!;

    public Task InitializeAsync()
    {
        _caller = Agent("alice");
        _callee = Agent("bot");
        var basePort = 42000 + Random.Shared.Next(0, 400) * 20;
        _ports = new RtpPortAllocator(IPAddress.Loopback, basePort, basePort + 19);
        return Task.CompletedTask;
    }

    private SipUserAgent Agent(string user)
    {
        var layer = new SipTransactionLayer(new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, 0)), _time);
        _disposables.Add(layer);
        var agent = new SipUserAgent(layer, user);
        agent.Start();
        return agent;
    }

    public async Task DisposeAsync()
    {
        foreach (var disposable in _disposables) await disposable.DisposeAsync();
        _clock.Dispose();
    }

    private RtpSession Session(NegotiatedMedia media, (System.Net.Sockets.Socket Rtp, System.Net.Sockets.Socket Rtcp) sockets)
    {
        var session = new RtpSession(sockets.Rtp, sockets.Rtcp, media, _clock, _time);
        _disposables.Add(session);
        return session;
    }

    [Fact]
    public async Task when_one_agent_calls_another_audio_echoes_back_dtmf_arrives_in_order_and_bye_ends_both_sides()
    {
        var calleeEnded = new TaskCompletionSource<DialogEndReason>(TaskCreationOptions.RunContinuationsAsynchronously);
        var calleeKeys = new List<char>();
        _callee.IncomingCallHandler = incoming =>
        {
            var sockets = _ports.Allocate();
            var local = (IPEndPoint)sockets.Rtp.LocalEndPoint!;
            var (answer, media) = SdpNegotiator.Answer(SessionDescription.Parse(incoming.OfferSdp), local.Address, local.Port, 1, 1);
            var session = Session(media, sockets);
            incoming.Ring();
            var dialog = incoming.Accept(answer.ToString());
            dialog.Ended += (_, reason) => calleeEnded.TrySetResult(reason);
            session.Start();
            _ = Task.Run(async () =>
            {
                await foreach (var frame in session.Input.ReadAllAsync()) session.Output.Enqueue(frame);
            });
            _ = Task.Run(async () =>
            {
                await foreach (var key in session.Dtmf.ReadAllAsync()) lock (calleeKeys) calleeKeys.Add(key.Digit);
            });
        };

        var sockets = _ports.Allocate();
        var localRtp = (IPEndPoint)sockets.Rtp.LocalEndPoint!;
        var offer = SdpNegotiator.CreateOffer(IPAddress.Loopback, localRtp.Port, 7, 1);
        var provisional = new List<int>();
        var (response, dialog) = await _caller.InviteAsync(
            $"sip:bot@127.0.0.1:{_callee.LocalEndPoint.Port}", "sip:alice@127.0.0.1", offer.ToString(),
            r => { lock (provisional) provisional.Add(r.StatusCode); }).WaitAsync(TimeSpan.FromSeconds(5));
        response.StatusCode.Should().Be(200);
        provisional.Should().Contain(180);
        dialog.Should().NotBeNull();
        var media = SdpNegotiator.ReadAnswer(SessionDescription.Parse(response.BodyText));
        var session = Session(media, sockets);
        session.Start();

        // One second of a 440 Hz tone, then silence: the echo must bring the tone back.
        var tone = Enumerable.Range(0, 8000).Select(i => (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 8000))).ToArray();
        session.Output.Enqueue(tone);
        var heard = new List<short>();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3)))
        {
            try
            {
                await foreach (var frame in session.Input.ReadAllAsync(timeout.Token))
                {
                    heard.AddRange(frame.Samples.ToArray());
                    if (heard.Count >= 8000 * 2) break;
                }
            }
            catch (OperationCanceledException)
            {
            }
        }
        BestCorrelation(heard.ToArray(), tone).Should().BeGreaterThan(0.9);

        session.SendDtmf("12#");
        await WaitUntil(() => { lock (calleeKeys) return calleeKeys.Count >= 3; }, TimeSpan.FromSeconds(3));
        lock (calleeKeys) calleeKeys.Should().Equal('1', '2', '#');

        (await dialog!.HangUpAsync().WaitAsync(TimeSpan.FromSeconds(5))).StatusCode.Should().Be(200);
        (await calleeEnded.Task.WaitAsync(TimeSpan.FromSeconds(5))).Should().Be(DialogEndReason.RemoteBye);
        _callee.DialogCount.Should().Be(0);
        session.Statistics.PacketsReceived.Should().BeGreaterThan(50);
    }

    [Fact]
    public async Task when_the_callee_rejects_with_488_the_caller_gets_it_and_our_transaction_acks()
    {
        _callee.IncomingCallHandler = incoming => incoming.Reject(SipStatus.NotAcceptableHere, "no common codec");
        var offer = SdpNegotiator.CreateOffer(IPAddress.Loopback, 40000, 7, 1);
        var (response, dialog) = await _caller.InviteAsync($"sip:bot@127.0.0.1:{_callee.LocalEndPoint.Port}", "sip:alice@127.0.0.1", offer.ToString())
            .WaitAsync(TimeSpan.FromSeconds(5));
        response.StatusCode.Should().Be(488);
        dialog.Should().BeNull();
        // Without our ACK the callee's transaction would retransmit the 488 (Timer G); with it, it goes quiet.
        await Task.Delay(300); // the ACK itself may still be on its way
        var before = _callee.Transactions.Transport.DatagramsReceived;
        await Task.Delay(1200);
        _callee.Transactions.Transport.DatagramsReceived.Should().Be(before);
    }

    private static async Task WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(20);
    }

    /// <summary>The highest normalised cross-correlation of <paramref name="reference"/> anywhere inside <paramref name="signal"/>.</summary>
    internal static double BestCorrelation(short[] signal, short[] reference)
    {
        var best = 0.0;
        var window = Math.Min(reference.Length, 4000);
        for (var lag = 0; lag + window <= signal.Length; lag += 4)
        {
            double dot = 0, a = 0, b = 0;
            for (var i = 0; i < window; i++)
            {
                dot += (double)signal[lag + i] * reference[i];
                a += (double)signal[lag + i] * signal[lag + i];
                b += (double)reference[i] * reference[i];
            }
            if (a > 0 && b > 0) best = Math.Max(best, dot / Math.Sqrt(a * b));
        }
        return best;
    }
}
