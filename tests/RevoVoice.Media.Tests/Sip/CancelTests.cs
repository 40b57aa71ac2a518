using RevoVoice.Testing.Sip;
namespace RevoVoice.Media.Tests.Sip;

/// <summary>CANCEL before the answer: the Media host rings for 5 s here, so sipp can cancel while it rings.</summary>
public sealed class CancelTests : IAsyncLifetime
{
    private MediaHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new MediaHost(new Dictionary<string, string?>
        {
            ["RevoVoice:Media:AnswerDelayMs"] = "5000",
            ["RevoVoice:Media:MaxConcurrentCalls"] = "1",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task when_the_caller_cancels_while_ringing_the_invite_gets_487_and_no_call_is_answered()
    {
        var result = await Sipp.RunAsync(_host.SipPort, SippScenarios.Cancel, "-m 1", TimeSpan.FromSeconds(20));
        result.ExitCode.Should().Be(0, result.ToString());
        _host.Gateway.CallsAnswered.Should().Be(0);
        _host.Gateway.ActiveCalls.Should().Be(0, "the cancelled call released its slot and RTP ports");
        _host.Log.Calls.Should().BeEmpty("no application ran");
    }

    [Fact]
    public async Task when_the_host_is_at_capacity_a_new_call_gets_486_busy_here()
    {
        using var first = new RawSipClient(_host.SipPort);
        var ringing = first.Invite("echo");
        first.Send(ringing);
        (await first.ReceiveUntilAsync(r => r.StatusCode == 180, TimeSpan.FromSeconds(5))).Should().NotBeEmpty();

        using var second = new RawSipClient(_host.SipPort);
        second.Send(second.Invite("echo"));
        (await second.ReceiveUntilAsync(r => r.StatusCode >= 200, TimeSpan.FromSeconds(5))).Last().StatusCode.Should().Be(486);

        first.Send(RawSipClient.Cancel(ringing));
        var final = await first.ReceiveUntilAsync(r => r.StatusCode == 487, TimeSpan.FromSeconds(5));
        final.Should().Contain(r => r.StatusCode == 200 && r.CSeq.Method == "CANCEL");
        await Task.Delay(200);
        _host.Gateway.ActiveCalls.Should().Be(0);
    }

    [Fact]
    public async Task when_a_cancel_matches_no_transaction_it_answers_481()
    {
        using var client = new RawSipClient(_host.SipPort);
        client.Send(
            $"CANCEL sip:echo@127.0.0.1:{_host.SipPort} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{client.Port};branch=z9hG4bK-nothing\r\n" +
            $"From: <sip:raw@127.0.0.1>;tag=1\r\nTo: <sip:echo@127.0.0.1>\r\nCall-ID: no-such-call\r\nCSeq: 1 CANCEL\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
        var responses = await client.ReceiveUntilAsync(r => r.StatusCode >= 200, TimeSpan.FromSeconds(5));
        responses.Last().StatusCode.Should().Be(481);
    }
}
