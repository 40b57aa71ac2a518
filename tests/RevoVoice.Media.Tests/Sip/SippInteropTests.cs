using System.Net;
using System.Net.Sockets;
using RevoVoice.Testing.Sip;
using RevoVoice.Media.Calls;
using RevoVoice.Telephony.Rtp;
using RevoVoice.Telephony.Sdp;

namespace RevoVoice.Media.Tests.Sip;

/// <summary>The Media host against the real sipp (sip-tester): one host for the class, one sipp run per behaviour.</summary>
public sealed class SippInteropTests(SippInteropTests.Host fixture) : IClassFixture<SippInteropTests.Host>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(25);
    private readonly MediaHost _host = fixture.Start();

    public sealed class Host : IAsyncLifetime
    {
        private MediaHost? _host;

        public MediaHost Start()
        {
            _host ??= new MediaHost();
            _host.Log.Clear();
            return _host;
        }

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync()
        {
            if (_host is not null) await _host.DisposeAsync();
        }
    }

    private async Task<Sipp.Result> Run(string? scenario, string arguments = "-m 1")
    {
        var result = await Sipp.RunAsync(_host.SipPort, scenario, arguments, Timeout);
        result.ExitCode.Should().Be(0, result.ToString());
        return result;
    }

    [Fact]
    public async Task when_sipp_plays_g711_audio_with_its_built_in_uac_the_echo_application_returns_it()
    {
        await Run(null, "-sn uac_pcap -m 1");
        var call = await _host.Log.WaitForEndAsync(_ => true, TimeSpan.FromSeconds(5));
        call.EndReason.Should().Be(CallEndReason.CallerHungUp);
        call.Statistics!.PacketsReceived.Should().BeGreaterThan(230, "sipp sends 7 s of PCMA in 30 ms packets plus a DTMF digit");
        // 7 s of audio is 350 frames of 20 ms; on a 2-core machine running the other SIP test classes at the same time
        // a few tail frames are still in the jitter buffer at BYE, so "nearly all" is the claim.
        call.EchoedFrames.Should().BeGreaterThan(300, "7 s of audio is 350 frames of 20 ms");
        call.Statistics.PacketsSent.Should().BeGreaterThan(call.EchoedFrames);
        call.Digits.Should().Equal('1');
    }

    [Fact]
    public async Task when_the_caller_holds_and_resumes_with_re_invites_the_answers_mirror_the_direction()
    {
        await Run(SippScenarios.HoldAndResume);
        var call = await _host.Log.WaitForEndAsync(_ => true, TimeSpan.FromSeconds(5));
        call.EndReason.Should().Be(CallEndReason.CallerHungUp);
    }

    [Fact]
    public async Task when_the_platform_hangs_up_the_caller_receives_bye()
    {
        await Run(SippScenarios.PlatformHangsUp);
        var call = await _host.Log.WaitForEndAsync(_ => true, TimeSpan.FromSeconds(5));
        call.EndReason.Should().Be(CallEndReason.PlatformHungUp);
        call.Statistics!.PacketsSent.Should().BeGreaterThanOrEqualTo(50, "a second of tone went out before the BYE");
    }

    [Fact]
    public async Task when_the_platform_transfers_the_caller_it_sends_refer_waits_for_the_notify_and_hangs_up()
    {
        await Run(SippScenarios.Transfer);
        var call = await _host.Log.WaitForEndAsync(_ => true, TimeSpan.FromSeconds(5));
        call.TransferAccepted.Should().BeTrue();
        call.EndReason.Should().Be(CallEndReason.Transferred);
    }

    [Fact]
    public async Task when_asked_for_options_it_answers_200_with_what_it_allows() => await Run(SippScenarios.Options);

    [Fact]
    public async Task when_a_request_names_an_unknown_dialog_it_answers_481()
    {
        var before = _host.Gateway.UserAgent.UnknownDialogRequests;
        await Run(SippScenarios.UnknownDialog);
        _host.Gateway.UserAgent.UnknownDialogRequests.Should().BeGreaterThan(before);
    }

    [Fact]
    public async Task when_a_method_is_not_served_it_answers_405_or_501_for_an_unknown_one() => await Run(SippScenarios.UnsupportedMethods);

    [Fact]
    public async Task when_no_codec_is_common_it_answers_488_and_no_call_starts()
    {
        var answered = _host.Gateway.CallsAnswered;
        await Run(SippScenarios.NoCommonCodec);
        _host.Gateway.CallsAnswered.Should().Be(answered);
        _host.Gateway.CallsRejected.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task when_an_invite_makes_no_offer_the_200_offers_and_the_answer_in_the_ack_sets_up_the_media()
    {
        using var client = new RawSipClient(_host.SipPort);
        using var media = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        media.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var mediaPort = ((IPEndPoint)media.LocalEndPoint!).Port;

        client.Send(client.InviteWithoutOffer("echo"));
        var ok = (await client.ReceiveUntilAsync(r => r.StatusCode >= 200, TimeSpan.FromSeconds(5))).Last();
        ok.StatusCode.Should().Be(200, "a late offer is answered with our offer, not 488");
        var offer = SessionDescription.Parse(ok.BodyText);
        offer.Media.Should().ContainSingle().Which.Formats.Should().Contain(["0", "8"]);
        var ourRtp = new IPEndPoint(IPAddress.Parse(offer.AddressOf(offer.Media[0])!), offer.Media[0].Port);

        // We pick PCMA, the second codec offered: echoed packets in PCMA prove the ACK's answer was applied.
        const string answer = "v=0\r\no=raw 2 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n";
        client.Send(client.AckWithAnswer(ok, answer + $"m=audio {mediaPort} RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\na=sendrecv\r\n"));
        var packet = new byte[172];
        var silence = Enumerable.Repeat((byte)0xD5, 160).ToArray();
        for (var i = 0; i < 25; i++)
        {
            RtpPacket.Write(packet, i == 0, 8, (ushort)i, (uint)(i * 160), 0x1234, silence);
            await media.SendToAsync(packet, ourRtp);
            await Task.Delay(20);
        }
        var echoed = new byte[2048];
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            var received = await media.ReceiveFromAsync(echoed, new IPEndPoint(IPAddress.Any, 0), wait.Token);
            RtpPacket.TryParse(echoed.AsMemory(0, received.ReceivedBytes), out var rtp).Should().BeTrue();
            rtp.PayloadType.Should().Be(8, "the codec the ACK's answer chose");
        }

        client.Send(client.Bye("", ok));
        (await client.ReceiveUntilAsync(r => r.CSeq.Method == "BYE", TimeSpan.FromSeconds(5))).Last().StatusCode.Should().Be(200);
        var call = await _host.Log.WaitForEndAsync(_ => true, TimeSpan.FromSeconds(5));
        call.Runs.Should().Be(1);
        call.EchoedFrames.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task when_a_late_offer_ack_brings_no_answer_we_hang_up_and_no_application_runs()
    {
        var activeBefore = _host.Gateway.ActiveCalls;
        using var client = new RawSipClient(_host.SipPort);
        client.Send(client.InviteWithoutOffer("echo"));
        var ok = (await client.ReceiveUntilAsync(r => r.StatusCode >= 200, TimeSpan.FromSeconds(5))).Last();
        ok.StatusCode.Should().Be(200);

        client.Send(client.Ack("", ok));
        var bye = await client.ReceiveRequestAsync("BYE", TimeSpan.FromSeconds(5));
        client.SendOk(bye);

        _host.Log.Calls.Should().BeEmpty("no answer, no media, no application");
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (_host.Gateway.ActiveCalls > activeBefore && deadline.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(20);
        _host.Gateway.ActiveCalls.Should().BeLessThanOrEqualTo(activeBefore, "the call released its slot and RTP ports");
    }

    [Fact]
    public async Task when_an_invite_is_retransmitted_only_one_call_starts()
    {
        var absorbed = _host.Gateway.UserAgent.Transactions.RetransmissionsAbsorbed;
        using var client = new RawSipClient(_host.SipPort);
        var invite = client.Invite("echo");
        client.Send(invite);
        client.Send(invite); // the same bytes, as a UAC's Timer A retransmission would send them
        var responses = await client.ReceiveUntilAsync(r => r.StatusCode == 200, TimeSpan.FromSeconds(5));
        client.Send(client.Ack(invite, responses.Last()));
        await Task.Delay(300);
        client.Send(client.Bye(invite, responses.Last()));
        (await client.ReceiveUntilAsync(r => r.CSeq.Method == "BYE", TimeSpan.FromSeconds(5))).Last().StatusCode.Should().Be(200);

        var call = await _host.Log.WaitForEndAsync(_ => true, TimeSpan.FromSeconds(5));
        _host.Log.Calls.Should().HaveCount(1);
        call.Runs.Should().Be(1);
        _host.Gateway.UserAgent.Transactions.RetransmissionsAbsorbed.Should().BeGreaterThan(absorbed);
    }

    [Fact]
    public async Task when_sipp_sends_rfc4733_digits_they_arrive_in_order()
    {
        await Run(SippScenarios.Dtmf);
        var call = await _host.Log.WaitForEndAsync(_ => true, TimeSpan.FromSeconds(5));
        call.Digits.Should().Equal('1', '2', '#', '9', '*');
    }

    [Fact]
    public async Task when_a_peer_sends_dtmf_as_sip_info_the_digits_arrive_in_order()
    {
        using var client = new RawSipClient(_host.SipPort);
        var invite = client.Invite("echo");
        client.Send(invite);
        var ok = (await client.ReceiveUntilAsync(r => r.StatusCode >= 200, TimeSpan.FromSeconds(5))).Last();
        client.Send(client.Ack(invite, ok));
        var cseq = 2;
        foreach (var digit in "4*0")
        {
            client.Send(client.InfoDtmf(ok, digit, cseq++));
            (await client.ReceiveUntilAsync(r => r.CSeq.Method == "INFO", TimeSpan.FromSeconds(5))).Last().StatusCode.Should().Be(200);
        }
        client.Send(client.Bye(invite, ok, cseq));
        await client.ReceiveUntilAsync(r => r.CSeq.Method == "BYE", TimeSpan.FromSeconds(5));
        var call = await _host.Log.WaitForEndAsync(_ => true, TimeSpan.FromSeconds(5));
        call.Digits.Should().Equal('4', '*', '0');
    }

    [Fact]
    public async Task when_sipp_loses_10_percent_of_sip_messages_retransmissions_still_complete_every_call()
    {
        var answered = _host.Gateway.CallsAnswered;
        await Run(SippScenarios.ShortCall, "-m 12 -l 6 -r 20 -lost 10");
        (_host.Gateway.CallsAnswered - answered).Should().Be(12);
    }
}
