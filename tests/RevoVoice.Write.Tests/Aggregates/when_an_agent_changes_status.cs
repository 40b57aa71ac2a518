using RevoVoice.Contracts.Agents;
using RevoVoice.Write.Agents;
using RevoVoice.Write.Commands;

namespace RevoVoice.Write.Tests.Aggregates;

public sealed class when_an_agent_changes_status
{
    private static readonly Guid AgentId = Guid.NewGuid();
    private static readonly Guid CallId = Guid.NewGuid();
    private static readonly DateTimeOffset Now = Given.Now;
    private static readonly AgentRegistered Registered = new(AgentId, "Ada", [new AgentSkill("billing", 4)], Now);
    private static readonly AgentStatusChanged WentAvailable = new(AgentId, AgentStatus.Offline, AgentStatus.Available, null, Now);
    private static readonly AgentStatusChanged TookCall = new(AgentId, AgentStatus.Available, AgentStatus.Busy, CallId, Now);

    private static Agent AgentAfter(params object[] events) => Given.History<Agent>(AgentId, events);

    [Fact]
    public void a_new_agent_registers_once_and_starts_offline()
    {
        var events = AgentAfter().Register(new RegisterAgent(Guid.NewGuid(), AgentId, "Ada", [new AgentSkill("billing", 4)]), Now);
        AgentAfter([.. events]).Status.Should().Be(AgentStatus.Offline);
        FluentActions.Invoking(() => AgentAfter(Registered).Register(new RegisterAgent(Guid.NewGuid(), AgentId, "Ada", []), Now))
            .Should().Throw<StateConflictException>();
    }

    [Fact]
    public void an_agent_goes_available_and_away()
    {
        AgentAfter(Registered).ChangeStatus(AgentStatus.Available, Now).Should().Equal(WentAvailable);
        AgentAfter(Registered, WentAvailable).ChangeStatus(AgentStatus.Away, Now)
            .Should().Equal(new AgentStatusChanged(AgentId, AgentStatus.Available, AgentStatus.Away, null, Now));
    }

    [Fact]
    public void the_same_status_again_changes_nothing() =>
        AgentAfter(Registered, WentAvailable).ChangeStatus(AgentStatus.Available, Now).Should().BeEmpty();

    [Fact]
    public void busy_cannot_be_chosen() =>
        FluentActions.Invoking(() => AgentAfter(Registered, WentAvailable).ChangeStatus(AgentStatus.Busy, Now)).Should().Throw<RuleViolationException>();

    [Fact]
    public void a_busy_agent_cannot_walk_away_from_the_call() =>
        FluentActions.Invoking(() => AgentAfter(Registered, WentAvailable, TookCall).ChangeStatus(AgentStatus.Away, Now))
            .Should().Throw<StateConflictException>().WithMessage("*busy*");

    [Fact]
    public void only_an_available_agent_takes_a_call()
    {
        AgentAfter(Registered, WentAvailable).Claim(CallId, Now).Should().Equal(TookCall);
        FluentActions.Invoking(() => AgentAfter(Registered).Claim(CallId, Now)).Should().Throw<StateConflictException>().WithMessage("*offline*");
    }

    [Fact]
    public void a_busy_agent_never_takes_a_second_call() =>
        FluentActions.Invoking(() => AgentAfter(Registered, WentAvailable, TookCall).Claim(Guid.NewGuid(), Now))
            .Should().Throw<StateConflictException>().WithMessage("*busy*");

    [Fact]
    public void claiming_the_same_call_again_changes_nothing() =>
        AgentAfter(Registered, WentAvailable, TookCall).Claim(CallId, Now).Should().BeEmpty();

    [Fact]
    public void releasing_the_call_makes_the_agent_available()
    {
        AgentAfter(Registered, WentAvailable, TookCall).Release(CallId, Now)
            .Should().Equal(new AgentStatusChanged(AgentId, AgentStatus.Busy, AgentStatus.Available, CallId, Now));
        AgentAfter(Registered, WentAvailable, TookCall).Release(Guid.NewGuid(), Now).Should().BeEmpty();
        AgentAfter(Registered, WentAvailable).Release(CallId, Now).Should().BeEmpty();
    }
}
