using RevoVoice.Contracts.Agents;
using RevoVoice.Contracts.Calls;
using RevoVoice.EventStore;
using RevoVoice.Write.Routing;

namespace RevoVoice.Write.Tests.Routing;

public sealed class when_the_router_runs_for_a_long_time
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private readonly RoutingBoard _board;
    private readonly BoardFeed _feed;

    public when_the_router_runs_for_a_long_time()
    {
        _board = new RoutingBoard();
        _feed = new BoardFeed(_board);
    }

    private void Happened(object @event) => _feed.Happened(@event);

    private Guid Agent() => _feed.AvailableAgent(Start, new AgentSkill("billing", 2));

    /// <summary>A call queued, taken by the agent, and ended at <paramref name="at"/>, the agent free again.</summary>
    private void CallHandled(Guid agent, DateTimeOffset at)
    {
        var call = Guid.NewGuid();
        Happened(new CallQueued(call, "general", ["billing"], 0, at));
        Happened(new AgentStatusChanged(agent, AgentStatus.Available, AgentStatus.Busy, call, at));
        Happened(new AgentAssigned(call, agent, at));
        Happened(new CallEnded(call, "resolved", 60_000, at));
        Happened(new AgentStatusChanged(agent, AgentStatus.Busy, AgentStatus.Available, call, at));
    }

    [Fact]
    public void it_remembers_only_the_last_hour_of_settled_calls_not_every_call_it_ever_saw()
    {
        var agent = Agent();
        const int calls = 3_600; // one every 10 s for 10 hours
        for (var i = 0; i < calls; i++) CallHandled(agent, Start.AddSeconds(10 * i));

        _board.SettledCount.Should().BeInRange(300, 400, "an hour of calls at one per 10 s is 360");
        _board.WaitingCount.Should().Be(0);
    }

    [Fact]
    public void an_agent_stranded_for_longer_than_that_hour_is_still_found()
    {
        var holder = Agent();
        var stranded = Agent();
        var other = Agent();
        var call = Guid.NewGuid();
        Happened(new CallQueued(call, "general", ["billing"], 0, Start));
        Happened(new AgentStatusChanged(stranded, AgentStatus.Available, AgentStatus.Busy, call, Start));
        Happened(new AgentStatusChanged(holder, AgentStatus.Available, AgentStatus.Busy, call, Start));
        Happened(new AgentAssigned(call, holder, Start));
        Happened(new CallEnded(call, "resolved", 60_000, Start.AddMinutes(1)));
        Happened(new AgentStatusChanged(holder, AgentStatus.Busy, AgentStatus.Available, call, Start.AddMinutes(2)));

        // Releasing the stranded agent keeps failing (say the database is down) while calls go on for two hours.
        for (var minute = 3; minute < 120; minute++) CallHandled(other, Start.AddMinutes(minute));

        _board.Stranded().Should().BeEquivalentTo([(stranded, call)], "a call an agent is still busy with is not forgotten");
    }
}
