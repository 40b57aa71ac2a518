using RevoVoice.Contracts;
using RevoVoice.Contracts.Calls;
using RevoVoice.Contracts.Customers;
using RevoVoice.Write.Calls;
using RevoVoice.Write.Commands;

namespace RevoVoice.Write.Tests.Aggregates;

public sealed class when_a_call_runs_its_course
{
    private static readonly Guid CallId = Guid.NewGuid();
    private static readonly Guid AgentId = Guid.NewGuid();
    private static readonly Guid CustomerId = Guid.NewGuid();
    private static readonly DateTimeOffset Now = Given.Now;

    private static readonly CallStarted Started = new(CallId, "+441632960001", "+441632960999", null, Now.AddMinutes(-5));
    private static readonly CallAnswered Answered = new(CallId, Now.AddMinutes(-5));
    private static readonly EscalationTriggered Escalated = new(CallId, "caller asked for a human", Now.AddMinutes(-2));
    private static readonly CallQueued Queued = new(CallId, "billing", ["billing"], 5, Now.AddMinutes(-2));
    private static readonly AgentAssigned Assigned = new(CallId, AgentId, Now.AddMinutes(-1));
    private static readonly CallEnded Ended = new(CallId, "caller hung up", 300_000, Now);

    private static Call CallAfter(params object[] events) => Given.History<Call>(CallId, events);

    private static RecordTurn Turn(Speaker speaker = Speaker.Caller, DetectedIntent? intent = null, DetectedSentiment? sentiment = null) =>
        new(Guid.NewGuid(), CallId, Guid.NewGuid(), speaker, "I want to pay my bill", 0.9, 100, 1_800, intent, sentiment);

    [Fact]
    public void a_new_call_starts()
    {
        var events = CallAfter().Start(new StartCall(Guid.NewGuid(), CallId, "+441632960001", "+441632960999"), null, Now);
        events.Should().ContainSingle().Which.Should().Be(new CallStarted(CallId, "+441632960001", "+441632960999", null, Now));
    }

    [Fact]
    public void a_call_from_a_registered_number_starts_identified()
    {
        var events = CallAfter().Start(new StartCall(Guid.NewGuid(), CallId, "+441632960001", "+441632960999"), CustomerId, Now);
        events.Should().HaveCount(2);
        events[1].Should().Be(new CustomerIdentified(CustomerId, CallId, "caller-id", Now));
        CallAfter([.. events]).DataSubject.Should().Be(StreamNames.Customer(CustomerId));
    }

    [Fact]
    public void an_unidentified_call_keeps_its_personal_data_under_its_own_key()
    {
        CallAfter(Started).DataSubject.Should().Be(StreamNames.Call(CallId));
    }

    [Fact]
    public void a_call_cannot_start_twice()
    {
        var act = () => CallAfter(Started).Start(new StartCall(Guid.NewGuid(), CallId, "+441632960001", "+441632960999"), null, Now);
        act.Should().Throw<StateConflictException>().WithMessage("*already started*");
    }

    [Fact]
    public void a_ringing_call_is_answered() =>
        CallAfter(Started).Answer(Now).Should().Equal(new CallAnswered(CallId, Now));

    [Fact]
    public void an_answered_call_cannot_be_answered_again() =>
        FluentActions.Invoking(() => CallAfter(Started, Answered).Answer(Now)).Should().Throw<StateConflictException>().WithMessage("*already been answered*");

    [Fact]
    public void a_turn_before_the_answer_is_refused() =>
        FluentActions.Invoking(() => CallAfter(Started).RecordTurn(Turn())).Should().Throw<StateConflictException>().WithMessage("*before*answered*");

    [Fact]
    public void a_turn_after_the_call_ended_is_refused() =>
        FluentActions.Invoking(() => CallAfter(Started, Answered, Ended).RecordTurn(Turn())).Should().Throw<StateConflictException>().WithMessage("*after*ended*");

    [Fact]
    public void a_turn_records_utterance_intent_and_sentiment_change_together()
    {
        var turn = Turn(intent: new DetectedIntent("pay_bill", 0.8, [new IntentEntity("amount", "42")]),
            sentiment: new DetectedSentiment(Sentiment.Negative, -0.6));
        var events = CallAfter(Started, Answered).RecordTurn(turn);
        events.Should().HaveCount(3);
        events[0].Should().BeOfType<UtteranceRecognized>().Which.Text.Should().Be(turn.Text);
        events[1].Should().BeOfType<IntentDetected>().Which.Entities.Should().ContainSingle();
        events[2].Should().Be(new SentimentChanged(CallId, turn.UtteranceId, Sentiment.Neutral, Sentiment.Negative, -0.6));
    }

    [Fact]
    public void an_unchanged_sentiment_adds_no_event()
    {
        var call = CallAfter(Started, Answered, new SentimentChanged(CallId, Guid.NewGuid(), Sentiment.Neutral, Sentiment.Negative, -0.5));
        call.RecordTurn(Turn(sentiment: new DetectedSentiment(Sentiment.Negative, -0.7))).Should().ContainSingle().Which.Should().BeOfType<UtteranceRecognized>();
    }

    [Fact]
    public void an_agent_cannot_speak_on_a_call_without_an_agent() =>
        FluentActions.Invoking(() => CallAfter(Started, Answered).RecordTurn(Turn(Speaker.Agent))).Should().Throw<StateConflictException>();

    [Fact]
    public void the_assigned_agent_speaks() =>
        CallAfter(Started, Answered, Escalated, Queued, Assigned).RecordTurn(Turn(Speaker.Agent)).Should().ContainSingle();

    [Fact]
    public void bot_responses_dtmf_and_barge_ins_need_a_live_call()
    {
        var live = CallAfter(Started, Answered);
        live.RecordBotResponse(new RecordBotResponse(Guid.NewGuid(), CallId, "How can I help?", 120)).Should().ContainSingle();
        live.RecordDtmf(new RecordDtmf(Guid.NewGuid(), CallId, "1234#")).Should().ContainSingle();
        live.RecordBargeIn(new RecordBargeIn(Guid.NewGuid(), CallId, 4_200)).Should().ContainSingle();

        var ended = CallAfter(Started, Answered, Ended);
        FluentActions.Invoking(() => ended.RecordBotResponse(new RecordBotResponse(Guid.NewGuid(), CallId, "Bye", 1))).Should().Throw<StateConflictException>();
        FluentActions.Invoking(() => ended.RecordDtmf(new RecordDtmf(Guid.NewGuid(), CallId, "1"))).Should().Throw<StateConflictException>();
        FluentActions.Invoking(() => ended.RecordBargeIn(new RecordBargeIn(Guid.NewGuid(), CallId, 1))).Should().Throw<StateConflictException>();
    }

    [Fact]
    public void a_conversation_escalates_once()
    {
        CallAfter(Started, Answered).Escalate(new EscalateCall(Guid.NewGuid(), CallId, "angry"), Now).Should().ContainSingle();
        FluentActions.Invoking(() => CallAfter(Started, Answered, Escalated).Escalate(new EscalateCall(Guid.NewGuid(), CallId, "again"), Now))
            .Should().Throw<StateConflictException>().WithMessage("*already escalated*");
    }

    [Fact]
    public void only_an_escalated_call_is_queued()
    {
        var queue = new QueueCall(Guid.NewGuid(), CallId, "billing", ["billing"], 5);
        CallAfter(Started, Answered, Escalated).Enqueue(queue, Now).Should().BeEquivalentTo(
            new object[] { new CallQueued(CallId, "billing", ["billing"], 5, Now) }, o => o.RespectingRuntimeTypes());
        FluentActions.Invoking(() => CallAfter(Started, Answered).Enqueue(queue, Now)).Should().Throw<StateConflictException>().WithMessage("*escalated before*");
        FluentActions.Invoking(() => CallAfter(Started, Answered, Escalated, Queued).Enqueue(queue, Now)).Should().Throw<StateConflictException>().WithMessage("*already queued*");
    }

    [Fact]
    public void an_agent_is_assigned_only_to_a_queued_call()
    {
        CallAfter(Started, Answered, Escalated, Queued).AssignAgent(AgentId, Now).Should().Equal(new AgentAssigned(CallId, AgentId, Now));
        FluentActions.Invoking(() => CallAfter(Started, Answered).AssignAgent(AgentId, Now)).Should().Throw<StateConflictException>().WithMessage("*not queued*");
        FluentActions.Invoking(() => CallAfter(Started, Answered, Escalated, Queued, Assigned).AssignAgent(Guid.NewGuid(), Now))
            .Should().Throw<StateConflictException>().WithMessage("*not queued*");
        FluentActions.Invoking(() => CallAfter(Started, Answered, Escalated, Queued, Ended).AssignAgent(AgentId, Now))
            .Should().Throw<StateConflictException>();
    }

    [Fact]
    public void only_the_assigned_agent_acts_on_the_call()
    {
        var call = CallAfter(Started, Answered, Escalated, Queued, Assigned);
        call.TakeAgentAction(new TakeAgentAction(Guid.NewGuid(), CallId, AgentId, AgentAction.Note, "wants a refund", null), Now).Should().ContainSingle();
        FluentActions.Invoking(() => call.TakeAgentAction(new TakeAgentAction(Guid.NewGuid(), CallId, Guid.NewGuid(), AgentAction.Note, "x", null), Now))
            .Should().Throw<StateConflictException>().WithMessage("*not assigned*");
    }

    [Fact]
    public void hold_and_resume_alternate()
    {
        var hold = new AgentActionTaken(CallId, AgentId, AgentAction.Hold, null, null, Now);
        var onHold = CallAfter(Started, Answered, Escalated, Queued, Assigned, hold);
        FluentActions.Invoking(() => onHold.TakeAgentAction(new TakeAgentAction(Guid.NewGuid(), CallId, AgentId, AgentAction.Hold, null, null), Now))
            .Should().Throw<StateConflictException>().WithMessage("*already on hold*");
        onHold.TakeAgentAction(new TakeAgentAction(Guid.NewGuid(), CallId, AgentId, AgentAction.Resume, null, null), Now).Should().ContainSingle();
        FluentActions.Invoking(() => CallAfter(Started, Answered, Escalated, Queued, Assigned)
                .TakeAgentAction(new TakeAgentAction(Guid.NewGuid(), CallId, AgentId, AgentAction.Resume, null, null), Now))
            .Should().Throw<StateConflictException>().WithMessage("*not on hold*");
    }

    [Fact]
    public void wrap_up_comes_after_the_call_and_only_once()
    {
        var wrapUp = new TakeAgentAction(Guid.NewGuid(), CallId, AgentId, AgentAction.WrapUp, null, null);
        FluentActions.Invoking(() => CallAfter(Started, Answered, Escalated, Queued, Assigned).TakeAgentAction(wrapUp, Now))
            .Should().Throw<StateConflictException>().WithMessage("*has not ended*");
        var ended = CallAfter(Started, Answered, Escalated, Queued, Assigned, Ended);
        var events = ended.TakeAgentAction(wrapUp, Now);
        events.Should().ContainSingle();
        FluentActions.Invoking(() => ended.Apply(events[0]).TakeAgentAction(wrapUp, Now)).Should().Throw<StateConflictException>().WithMessage("*wrapped up*");
    }

    [Fact]
    public void a_transfer_puts_the_call_back_in_a_queue()
    {
        var transfer = new TransferCall(Guid.NewGuid(), CallId, AgentId, "retention", ["retention"], 7, "needs a specialist");
        var events = CallAfter(Started, Answered, Escalated, Queued, Assigned).Transfer(transfer, Now);
        events.Should().BeEquivalentTo(
            new object[]
            {
                new CallTransferred(CallId, AgentId, "retention", "needs a specialist", Now),
                new CallQueued(CallId, "retention", ["retention"], 7, Now),
            },
            o => o.WithStrictOrdering().RespectingRuntimeTypes());
        var requeued = CallAfter(Started, Answered, Escalated, Queued, Assigned).Apply(events[0]).Apply(events[1]);
        requeued.Phase.Should().Be(CallPhase.Queued);
        requeued.AgentId.Should().BeNull();
        FluentActions.Invoking(() => CallAfter(Started, Answered, Escalated, Queued).Transfer(transfer, Now)).Should().Throw<StateConflictException>();
    }

    [Fact]
    public void consent_is_recorded_while_the_call_lasts()
    {
        var consent = new RecordCallConsent(Guid.NewGuid(), CallId, ConsentKind.Recording, true);
        CallAfter(Started).RecordConsent(consent, Now).Should().Equal(new ConsentRecorded(CallId, ConsentKind.Recording, true, Now));
        FluentActions.Invoking(() => CallAfter(Started, Answered, Ended).RecordConsent(consent, Now)).Should().Throw<StateConflictException>();
    }

    [Fact]
    public void a_caller_is_identified_once()
    {
        var events = CallAfter(Started, Answered).IdentifyCustomer(CustomerId, Now);
        events.Should().Equal(new CustomerIdentified(CustomerId, CallId, "identified", Now));
        FluentActions.Invoking(() => CallAfter(Started, Answered, events[0]).IdentifyCustomer(Guid.NewGuid(), Now))
            .Should().Throw<StateConflictException>().WithMessage("*another customer*");
    }

    [Fact]
    public void a_call_ends_once_with_its_duration()
    {
        CallAfter(Started, Answered).End(new EndCall(Guid.NewGuid(), CallId, "caller hung up"), Now)
            .Should().Equal(new CallEnded(CallId, "caller hung up", 300_000, Now));
        FluentActions.Invoking(() => CallAfter(Started, Answered, Ended).End(new EndCall(Guid.NewGuid(), CallId, "again"), Now))
            .Should().Throw<StateConflictException>().WithMessage("*already ended*");
    }
}
