using RevoVoice.Contracts;
using RevoVoice.Contracts.Calls;
using RevoVoice.Contracts.Customers;
using RevoVoice.Write.Commands;

namespace RevoVoice.Write.Calls;

/// <summary>
/// A call folded from its stream, with every rule about what may happen to a call next. Each decision takes
/// the command and the time and returns the events to append, or throws <see cref="StateConflictException"/>
/// when the command does not fit the call's state.
/// </summary>
public sealed record Call(
    Guid Id,
    CallPhase Phase,
    Guid? CustomerId,
    DateTimeOffset StartedAt,
    Sentiment Sentiment,
    string? Queue,
    Guid? AgentId,
    bool OnHold,
    bool WrappedUp,
    bool RecordingRefused) : IAggregate<Call>
{
    public static Call Empty(Guid id) => new(id, CallPhase.None, null, default, Sentiment.Neutral, null, null, false, false, false);

    public bool Exists => Phase != CallPhase.None;

    public Call Apply(object @event) => @event switch
    {
        CallStarted e => this with { Phase = CallPhase.Ringing, CustomerId = e.CustomerId, StartedAt = e.StartedAt },
        CallAnswered => this with { Phase = CallPhase.InConversation },
        SentimentChanged e => this with { Sentiment = e.To },
        CustomerIdentified e => this with { CustomerId = e.CustomerId },
        EscalationTriggered => this with { Phase = CallPhase.Escalated },
        CallQueued e => this with { Phase = CallPhase.Queued, Queue = e.Queue, AgentId = null, OnHold = false },
        AgentAssigned e => this with { Phase = CallPhase.WithAgent, AgentId = e.AgentId },
        AgentActionTaken { Action: AgentAction.Hold } => this with { OnHold = true },
        AgentActionTaken { Action: AgentAction.Resume } => this with { OnHold = false },
        AgentActionTaken { Action: AgentAction.WrapUp } => this with { WrappedUp = true },
        CallTransferred => this with { AgentId = null, OnHold = false },
        CallEnded => this with { Phase = CallPhase.Ended, OnHold = false },
        ConsentRecorded { Consent: ConsentKind.Recording } e => this with { RecordingRefused = !e.Granted },
        _ => this,
    };

    /// <param name="customerId">the registered customer whose phone number is the caller id, if any.</param>
    public IReadOnlyList<object> Start(StartCall command, Guid? customerId, DateTimeOffset now)
    {
        if (Exists) throw new StateConflictException($"Call {Id} has already started.");
        var started = new CallStarted(Id, command.CallerNumber, command.CalledNumber, customerId, now);
        return customerId is { } customer
            ? [started, new CustomerIdentified(customer, Id, "caller-id", now)]
            : [started];
    }

    public IReadOnlyList<object> Answer(DateTimeOffset now) => Phase switch
    {
        CallPhase.Ringing => [new CallAnswered(Id, now)],
        CallPhase.Ended => throw new StateConflictException($"Call {Id} has ended; it cannot be answered."),
        _ => throw new StateConflictException($"Call {Id} has already been answered."),
    };

    public IReadOnlyList<object> RecordTurn(RecordTurn command)
    {
        RequireLive("A conversation turn");
        if (command.Speaker == Speaker.Agent && Phase != CallPhase.WithAgent)
            throw new StateConflictException($"Call {Id} has no agent, so an agent cannot speak on it.");

        var events = new List<object>(3)
        {
            new UtteranceRecognized(Id, command.UtteranceId, command.Speaker, command.Text, command.Confidence, command.StartMs, command.EndMs),
        };
        if (command.Intent is { } intent)
            events.Add(new IntentDetected(Id, command.UtteranceId, intent.Name, intent.Confidence, intent.Entities ?? []));
        if (command.Sentiment is { } sentiment && sentiment.Label != Sentiment)
            events.Add(new SentimentChanged(Id, command.UtteranceId, Sentiment, sentiment.Label, sentiment.Score));
        return events;
    }

    public IReadOnlyList<object> RecordBotResponse(RecordBotResponse command)
    {
        RequireLive("A bot response");
        return [new BotResponded(Id, command.Text, command.LatencyMs)];
    }

    public IReadOnlyList<object> RecordDtmf(RecordDtmf command)
    {
        RequireLive("DTMF");
        return [new DtmfReceived(Id, command.Digits)];
    }

    public IReadOnlyList<object> RecordBargeIn(RecordBargeIn command)
    {
        RequireLive("A barge-in");
        return [new CallerBargedIn(Id, command.AtMs)];
    }

    public IReadOnlyList<object> Escalate(EscalateCall command, DateTimeOffset now)
    {
        RequireLive("An escalation");
        if (Phase != CallPhase.InConversation)
            throw new StateConflictException($"Call {Id} is already {Describe(Phase)}; it cannot be escalated again.");
        return [new EscalationTriggered(Id, command.Reason, now)];
    }

    public IReadOnlyList<object> Enqueue(QueueCall command, DateTimeOffset now) => Phase switch
    {
        CallPhase.Escalated => [new CallQueued(Id, command.Queue, command.Skills ?? [], command.Priority, now)],
        CallPhase.Queued => throw new StateConflictException($"Call {Id} is already queued in '{Queue}'."),
        CallPhase.WithAgent => throw new StateConflictException($"Call {Id} is with agent {AgentId}; transfer it instead."),
        CallPhase.Ended => throw new StateConflictException($"Call {Id} has ended; it cannot be queued."),
        _ => throw new StateConflictException($"Call {Id} must be escalated before it is queued."),
    };

    public IReadOnlyList<object> AssignAgent(Guid agentId, DateTimeOffset now)
    {
        if (Phase != CallPhase.Queued)
            throw new StateConflictException($"Call {Id} is {Describe(Phase)}, not queued; no agent can be assigned to it.");
        return [new AgentAssigned(Id, agentId, now)];
    }

    public IReadOnlyList<object> TakeAgentAction(TakeAgentAction command, DateTimeOffset now)
    {
        if (AgentId != command.AgentId)
            throw new StateConflictException($"Agent {command.AgentId} is not assigned to call {Id}.");
        switch (command.Action)
        {
            case AgentAction.WrapUp when Phase != CallPhase.Ended:
                throw new StateConflictException($"Call {Id} has not ended; wrap-up comes after the call.");
            case AgentAction.Hold when Phase != CallPhase.WithAgent || OnHold:
                throw new StateConflictException($"Call {Id} cannot be put on hold: it is {(OnHold ? "already on hold" : Describe(Phase))}.");
            case AgentAction.Resume when Phase != CallPhase.WithAgent || !OnHold:
                throw new StateConflictException($"Call {Id} is not on hold; there is nothing to resume.");
        }
        if (WrappedUp)
            throw new StateConflictException($"Call {Id} has been wrapped up; no more agent actions.");
        return [new AgentActionTaken(Id, command.AgentId, command.Action, command.Note, command.Disposition, now)];
    }

    public IReadOnlyList<object> Transfer(TransferCall command, DateTimeOffset now)
    {
        if (Phase != CallPhase.WithAgent || AgentId != command.AgentId)
            throw new StateConflictException($"Call {Id} is not with agent {command.AgentId}; only its agent can transfer it.");
        return
        [
            new CallTransferred(Id, command.AgentId, command.ToQueue, command.Reason, now),
            new CallQueued(Id, command.ToQueue, command.Skills ?? [], command.Priority, now),
        ];
    }

    public IReadOnlyList<object> RecordConsent(RecordCallConsent command, DateTimeOffset now)
    {
        if (Phase == CallPhase.Ended) throw new StateConflictException($"Call {Id} has ended; consent is recorded during a call.");
        return [new ConsentRecorded(Id, command.Consent, command.Granted, now)];
    }

    /// <summary>
    /// A recording comes from media, so the call must have been answered; it may arrive after the call ended
    /// (Media finishes the file at hang-up). The caller's latest word on recording consent decides.
    /// </summary>
    public IReadOnlyList<object> RecordRecording(RecordCallRecording command, DateTimeOffset now)
    {
        if (Phase == CallPhase.Ringing)
            throw new StateConflictException($"Call {Id} was never answered, so there is no audio to have recorded.");
        if (RecordingRefused)
            throw new StateConflictException($"The caller on call {Id} refused consent to recording; the recording must not be kept.");
        return [new CallRecorded(Id, command.Path, (long)Math.Round(command.DurationSeconds * 1000), now)];
    }

    public IReadOnlyList<object> IdentifyCustomer(Guid customerId, DateTimeOffset now)
    {
        if (Phase == CallPhase.Ended) throw new StateConflictException($"Call {Id} has ended.");
        if (CustomerId is { } known)
            throw new StateConflictException(known == customerId
                ? $"Call {Id} is already identified as customer {customerId}."
                : $"Call {Id} is already identified as another customer.");
        return [new CustomerIdentified(customerId, Id, "identified", now)];
    }

    public IReadOnlyList<object> End(EndCall command, DateTimeOffset now)
    {
        if (Phase == CallPhase.Ended) throw new StateConflictException($"Call {Id} has already ended.");
        var duration = (long)Math.Max(0, (now - StartedAt).TotalMilliseconds);
        return [new CallEnded(Id, command.Reason, duration, now)];
    }

    /// <summary>The stream's data subject: personal data of an identified caller is encrypted under the customer's key.</summary>
    public string DataSubject => CustomerId is { } customer ? StreamNames.Customer(customer) : StreamNames.Call(Id);

    private void RequireLive(string what)
    {
        if (Phase == CallPhase.Ringing) throw new StateConflictException($"{what} cannot be recorded before call {Id} is answered.");
        if (Phase == CallPhase.Ended) throw new StateConflictException($"{what} cannot be recorded after call {Id} ended.");
    }

    private static string Describe(CallPhase phase) => phase switch
    {
        CallPhase.Ringing => "ringing",
        CallPhase.InConversation => "in conversation with the bot",
        CallPhase.Escalated => "escalated",
        CallPhase.Queued => "queued",
        CallPhase.WithAgent => "with an agent",
        CallPhase.Ended => "ended",
        _ => "not started",
    };
}
