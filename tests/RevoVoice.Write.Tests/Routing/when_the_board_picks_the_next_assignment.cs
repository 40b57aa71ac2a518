using RevoVoice.Contracts.Agents;
using RevoVoice.Contracts.Calls;
using RevoVoice.EventStore;
using RevoVoice.Write.Routing;

namespace RevoVoice.Write.Tests.Routing;

public sealed class when_the_board_picks_the_next_assignment
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private readonly RoutingBoard _board;
    private readonly BoardFeed _feed;

    public when_the_board_picks_the_next_assignment()
    {
        _board = new RoutingBoard();
        _feed = new BoardFeed(_board);
    }

    private void Happened(object @event) => _feed.Happened(@event);

    private Guid Agent(DateTimeOffset availableSince, params AgentSkill[] skills) => _feed.AvailableAgent(availableSince, skills);

    private Guid Queued(int priority, DateTimeOffset at, params string[] skills)
    {
        var id = Guid.NewGuid();
        Happened(new CallQueued(id, "general", skills, priority, at));
        return id;
    }

    [Fact]
    public void the_highest_priority_call_goes_first_then_the_longest_waiting()
    {
        Agent(Now, new AgentSkill("billing", 3));
        var old = Queued(1, Now.AddMinutes(-10), "billing");
        var urgent = Queued(5, Now.AddMinutes(-1), "billing");
        Queued(1, Now.AddMinutes(-2), "billing");

        _board.Match().Should().ContainSingle().Which.Call.CallId.Should().Be(urgent);
        _board.Assigned(urgent, _board.Match()[0].AgentId);
        Agent(Now, new AgentSkill("billing", 3));
        _board.Match().Should().ContainSingle().Which.Call.CallId.Should().Be(old);
    }

    [Fact]
    public void the_best_skilled_agent_gets_the_call_and_an_unskilled_one_never_does()
    {
        Agent(Now.AddMinutes(-30), new AgentSkill("sales", 5));
        var junior = Agent(Now.AddMinutes(-20), new AgentSkill("billing", 1));
        var expert = Agent(Now, new AgentSkill("billing", 5));
        var call = Queued(0, Now, "billing");

        var pairs = _board.Match();
        pairs.Should().ContainSingle();
        pairs[0].Should().Be((pairs[0].Call, expert));
        pairs[0].Call.CallId.Should().Be(call);
        junior.Should().NotBe(expert);
    }

    [Fact]
    public void an_assignment_in_flight_is_not_proposed_again_until_its_events_arrive()
    {
        var agent = Agent(Now, new AgentSkill("billing", 2));
        var call = Queued(0, Now, "billing");
        _board.Assigned(call, agent);
        Queued(0, Now, "billing");
        _board.Match().Should().BeEmpty("the only agent is being assigned");

        Happened(new AgentStatusChanged(agent, AgentStatus.Available, AgentStatus.Busy, call, Now));
        Happened(new AgentAssigned(call, agent, Now));
        Happened(new AgentStatusChanged(agent, AgentStatus.Busy, AgentStatus.Available, call, Now));
        _board.Match().Should().ContainSingle().Which.AgentId.Should().Be(agent);
    }

    [Fact]
    public void an_ended_or_assigned_call_no_longer_waits()
    {
        Agent(Now, new AgentSkill("billing", 2));
        var hungUp = Queued(0, Now, "billing");
        Happened(new CallEnded(hungUp, "caller hung up", 1_000, Now));
        _board.Match().Should().BeEmpty();
        _board.WaitingCount.Should().Be(0);
    }

    [Fact]
    public void an_agent_claimed_for_a_call_that_went_elsewhere_or_ended_is_stranded()
    {
        var holder = Agent(Now, new AgentSkill("billing", 2));
        var stranded = Agent(Now, new AgentSkill("billing", 2));
        var hungUpOn = Agent(Now, new AgentSkill("billing", 2));
        var call = Queued(0, Now, "billing");
        var ended = Queued(0, Now, "billing");
        Happened(new AgentStatusChanged(stranded, AgentStatus.Available, AgentStatus.Busy, call, Now));
        Happened(new AgentStatusChanged(holder, AgentStatus.Available, AgentStatus.Busy, call, Now));
        Happened(new AgentStatusChanged(hungUpOn, AgentStatus.Available, AgentStatus.Busy, ended, Now));
        _board.Stranded().Should().BeEmpty("nothing is decided while both calls wait");

        Happened(new AgentAssigned(call, holder, Now));
        Happened(new CallEnded(ended, "caller hung up", 1, Now));
        _board.Stranded().Should().BeEquivalentTo([(stranded, call), (hungUpOn, ended)]);

        Happened(new CallEnded(call, "resolved", 1, Now));
        _board.Stranded().Should().NotContain(s => s.AgentId == holder, "the holder keeps the call until wrap-up");
    }
}
