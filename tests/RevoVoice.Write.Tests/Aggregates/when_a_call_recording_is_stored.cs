using RevoVoice.Contracts;
using RevoVoice.Contracts.Calls;
using RevoVoice.Write.Calls;
using RevoVoice.Write.Commands;

namespace RevoVoice.Write.Tests.Aggregates;

public sealed class when_a_call_recording_is_stored
{
    private static readonly Guid CallId = Guid.NewGuid();
    private static readonly DateTimeOffset Now = Given.Now;

    private static readonly CallStarted Started = new(CallId, "+441632960001", "+441632960999", null, Now.AddMinutes(-3));
    private static readonly CallAnswered Answered = new(CallId, Now.AddMinutes(-3));
    private static readonly CallEnded Ended = new(CallId, "CallerHungUp", 180_000, Now);

    private static ConsentRecorded Consent(ConsentKind kind, bool granted) => new(CallId, kind, granted, Now.AddMinutes(-2));

    private static RecordCallRecording Recording(double seconds = 12.34) =>
        new(Guid.NewGuid(), CallId, $"/var/lib/revovoice/recordings/20261124/{CallId}.wav", seconds);

    private static Call CallAfter(params object[] events) => Given.History<Call>(CallId, events);

    [Fact]
    public void a_recording_of_an_answered_call_is_recorded_with_its_duration_in_milliseconds()
    {
        var command = Recording();
        CallAfter(Started, Answered).RecordRecording(command, Now)
            .Should().Equal(new CallRecorded(CallId, command.Path, 12_340, Now));
    }

    [Fact]
    public void a_recording_finished_at_hang_up_is_accepted_after_the_call_ended() =>
        CallAfter(Started, Answered, Ended).RecordRecording(Recording(), Now).Should().ContainSingle().Which.Should().BeOfType<CallRecorded>();

    [Fact]
    public void a_call_that_was_never_answered_has_no_recording() =>
        FluentActions.Invoking(() => CallAfter(Started).RecordRecording(Recording(), Now))
            .Should().Throw<StateConflictException>().WithMessage("*never answered*");

    [Fact]
    public void a_recording_after_the_caller_refused_recording_is_refused() =>
        FluentActions.Invoking(() => CallAfter(Started, Answered, Consent(ConsentKind.Recording, false)).RecordRecording(Recording(), Now))
            .Should().Throw<StateConflictException>().WithMessage("*refused consent to recording*");

    [Fact]
    public void the_callers_latest_word_on_recording_decides() =>
        CallAfter(Started, Answered, Consent(ConsentKind.Recording, false), Consent(ConsentKind.Recording, true))
            .RecordRecording(Recording(), Now).Should().ContainSingle();

    [Fact]
    public void refusing_another_kind_of_consent_does_not_stop_a_recording() =>
        CallAfter(Started, Answered, Consent(ConsentKind.Marketing, false), Consent(ConsentKind.AiProcessing, false))
            .RecordRecording(Recording(), Now).Should().ContainSingle();
}
