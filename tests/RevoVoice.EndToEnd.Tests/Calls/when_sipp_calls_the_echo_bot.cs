extern alias media;

using media::RevoVoice.Media.Reporting;
using media::RevoVoice.Media.Sip;
using RevoVoice.Contracts;
using RevoVoice.Contracts.Calls;
using RevoVoice.EventStore;
using RevoVoice.Testing.Sip;

namespace RevoVoice.EndToEnd.Tests.Calls;

/// <summary>
/// One real call end to end: sipp dials the Media service, which answers with the echo application, records the
/// call and reports each fact over HTTP to the Write service, which appends it to PostgreSQL.
/// </summary>
public sealed class when_sipp_calls_the_echo_bot(CallPlatform platform) : IClassFixture<CallPlatform>
{
    [Fact]
    public async Task the_calls_stream_holds_its_life_in_order_under_one_correlation_id()
    {
        var answered = new TaskCompletionSource<SipCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnCallStarted(SipCall call) => answered.TrySetResult(call);
        platform.Gateway.CallStarted += OnCallStarted;
        Sipp.Result sipp;
        try
        {
            sipp = await SippCaller.CallAsync(platform.SipPort, SippCaller.CallWithDigits, TimeSpan.FromSeconds(20));
        }
        finally
        {
            platform.Gateway.CallStarted -= OnCallStarted;
        }
        sipp.ExitCode.Should().Be(0, sipp.ToString());
        var sipCall = await answered.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await sipCall.Finished.WaitAsync(TimeSpan.FromSeconds(5));
        var callId = sipCall.Info.Id;

        var events = await platform.WaitForStreamEndingWithAsync(StreamNames.Call(callId), "call-ended.v1", TimeSpan.FromSeconds(15));

        events.Select(e => e.EventType).Should().Equal(
            ["call-started.v1", "call-answered.v1", .. SippCaller.Digits.Select(_ => "dtmf-received.v1"), "call-recorded.v1", "call-ended.v1"]);
        var started = events[0].Event.Should().BeOfType<CallStarted>().Subject;
        started.CallerNumber.Should().Be(SippCaller.CallerNumber);
        started.CalledNumber.Should().Be(SippCaller.CalledUser);
        events.Select(e => e.Event).OfType<DtmfReceived>().Select(d => d.Digits).Should().Equal(SippCaller.Digits);
        var recorded = events[^2].Event.Should().BeOfType<CallRecorded>().Subject;
        recorded.Path.Should().StartWith(platform.RecordingDirectory);
        File.Exists(recorded.Path).Should().BeTrue("Media reports the recording once the file is finished");
        recorded.DurationMs.Should().BeGreaterThan(1_500, "the caller stayed on the line for about 2.25 s after the answer");
        events[^1].Event.Should().BeOfType<CallEnded>().Which.Reason.Should().Be("CallerHungUp");

        events.Should().OnlyContain(e => e.Metadata.CorrelationId == callId.ToString(), "Media sends the call id as X-Correlation-Id");
        events.Should().OnlyContain(e => e.Metadata.Actor == $"media:{WriteApiToken.Subject}");
        events.Select(e => Guid.TryParse(e.Metadata.CausationId, out var commandId) ? commandId : Guid.Empty).Should()
            .NotContain(Guid.Empty, "the causation is the command id Media chose");
        events.Select(e => e.Metadata.CausationId).Distinct().Should().HaveCount(events.Count, "every event here came from its own command");
        events.Should().OnlyContain(e => !string.IsNullOrEmpty(e.Metadata.TraceParent));
        events.Select(e => e.Position).Should().BeInAscendingOrder();
    }
}
