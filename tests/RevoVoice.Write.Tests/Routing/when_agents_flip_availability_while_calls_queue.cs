using System.Collections.Concurrent;
using System.Net;
using Xunit.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using RevoVoice.Contracts;
using RevoVoice.Contracts.Agents;
using RevoVoice.Contracts.Calls;
using RevoVoice.EventStore;
using RevoVoice.ServiceDefaults.Auth;
using RevoVoice.Write.Agents;
using RevoVoice.Write.Calls;
using RevoVoice.Write.Commands;
using RevoVoice.Write.Tests.Http;

namespace RevoVoice.Write.Tests.Routing;

/// <summary>
/// The router's property: 200 queued calls, 20 agents flipping between available and away at random while the
/// router assigns; agents who get a call end it and wrap up. No agent ever holds two calls at once, no call ever
/// gets two agents, and every call is served.
/// </summary>
public sealed class when_agents_flip_availability_while_calls_queue(RouterService service, ITestOutputHelper output) : IClassFixture<RouterService>
{
    private const int Calls = 200;
    private const int Agents = 20;

    [Fact]
    public async Task no_agent_holds_two_calls_and_no_call_gets_two_agents()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var supervisor = service.Client(RevoVoiceRoles.Supervisor);
        var media = service.Client(RevoVoiceRoles.Media);
        var aggregates = service.Services.GetRequiredService<AggregateStore>();
        string[] skills = ["billing", "sales"];

        var agentIds = Enumerable.Range(0, Agents).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var (agentId, i) in agentIds.Select((a, i) => (a, i)))
            (await supervisor.SendAsync("/agents", new RegisterAgent(Guid.NewGuid(), agentId, $"Agent {i}",
                [new AgentSkill("billing", 1 + i % 5), new AgentSkill("sales", 1 + (i * 3) % 5)]))).EnsureSuccessStatusCode();

        var callIds = Enumerable.Range(0, Calls).Select(_ => Guid.NewGuid()).ToArray();
        await Parallel.ForEachAsync(callIds.Select((c, i) => (c, i)), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, ct) =>
        {
            var (callId, i) = item;
            (await media.SendAsync("/calls", new StartCall(Guid.NewGuid(), callId, $"+4416329{i:D5}", "+441632960999"))).EnsureSuccessStatusCode();
            (await media.SendAsync("/calls/answer", new AnswerCall(Guid.NewGuid(), callId))).EnsureSuccessStatusCode();
            (await media.SendAsync("/calls/escalations", new EscalateCall(Guid.NewGuid(), callId, "caller asked for a human"))).EnsureSuccessStatusCode();
            (await media.SendAsync("/calls/queue", new QueueCall(Guid.NewGuid(), callId, "general", [skills[i % 2]], i % 3))).EnsureSuccessStatusCode();
        });

        output.WriteLine($"{Calls} calls queued after {clock.Elapsed}");
        var served = new ConcurrentDictionary<Guid, Guid>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        await Task.WhenAll(agentIds.Select(agentId => ActAsync(agentId, aggregates, served, deadline.Token)));

        output.WriteLine($"{served.Count} calls served after {clock.Elapsed}");
        served.Should().HaveCount(Calls, "every queued call is served before the deadline");
        await VerifyFromStreamsAsync(callIds, agentIds);
    }

    [Fact]
    public async Task an_agent_left_busy_by_a_half_done_assignment_is_freed_once_the_call_goes_elsewhere()
    {
        var supervisor = service.Client(RevoVoiceRoles.Supervisor);
        var media = service.Client(RevoVoiceRoles.Media);
        var aggregates = service.Services.GetRequiredService<AggregateStore>();
        var stranded = Guid.NewGuid();
        (await supervisor.SendAsync("/agents", new RegisterAgent(Guid.NewGuid(), stranded, "Stranded", [new AgentSkill("billing", 1)]))).EnsureSuccessStatusCode();
        (await supervisor.SendAsync("/agents/status", new ChangeAgentStatus(Guid.NewGuid(), stranded, AgentStatus.Available))).EnsureSuccessStatusCode();
        var callId = Guid.NewGuid();
        (await media.SendAsync("/calls", new StartCall(Guid.NewGuid(), callId, "+441632960444", "+441632960999"))).EnsureSuccessStatusCode();
        (await media.SendAsync("/calls/answer", new AnswerCall(Guid.NewGuid(), callId))).EnsureSuccessStatusCode();

        // What a crash between the two appends of an assignment leaves: the agent claimed, the call not assigned to them.
        await aggregates.ExecuteAsync<Agent>(StreamNames.Agent(stranded), stranded, Guid.NewGuid(), new CommandOrigin("t", "t", "test:crash"),
            false, agent => agent.Claim(callId, DateTimeOffset.UtcNow), default);
        (await media.SendAsync("/calls/end", new EndCall(Guid.NewGuid(), callId, "caller hung up"))).EnsureSuccessStatusCode();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        Agent agent;
        do
        {
            await Task.Delay(100);
            agent = await aggregates.GetAsync<Agent>(StreamNames.Agent(stranded), stranded, default);
        } while (agent.Status == AgentStatus.Busy && DateTime.UtcNow < deadline);
        agent.Status.Should().Be(AgentStatus.Available, "the router frees an agent whose call ended without them");
    }

    /// <summary>One agent's desktop: flips between available and away; when given a call, ends it and wraps up.</summary>
    private async Task ActAsync(Guid agentId, AggregateStore aggregates, ConcurrentDictionary<Guid, Guid> served, CancellationToken cancellationToken)
    {
        var desk = service.Client(RevoVoiceRoles.Agent, agentId.ToString());
        var random = new Random(agentId.GetHashCode());
        // On the deadline the loop just stops; the test then reports how many calls were served.
        while (served.Count < Calls && !cancellationToken.IsCancellationRequested)
        {
            var me = await aggregates.GetAsync<Agent>(StreamNames.Agent(agentId), agentId, CancellationToken.None);
            if (me is { Status: AgentStatus.Busy, CurrentCallId: { } callId })
            {
                // Claimed but not yet assigned on the call's stream: the router is between its two appends.
                var call = await aggregates.GetAsync<Call>(StreamNames.Call(callId), callId, CancellationToken.None);
                if (call.AgentId != agentId)
                {
                    await Task.Delay(10, CancellationToken.None);
                    continue;
                }
                served.TryAdd(callId, agentId).Should().BeTrue($"call {callId} is served once");
                (await desk.SendAsync("/calls/end", new EndCall(Guid.NewGuid(), callId, "resolved"))).EnsureSuccessStatusCode();
                (await desk.SendAsync("/calls/agent-actions", new TakeAgentAction(Guid.NewGuid(), callId, agentId, AgentAction.WrapUp, null, null)))
                    .EnsureSuccessStatusCode();
                continue;
            }
            var status = random.Next(4) == 0 ? AgentStatus.Away : AgentStatus.Available;
            var response = await desk.SendAsync("/agents/status", new ChangeAgentStatus(Guid.NewGuid(), agentId, status));
            // 409: the router made the agent busy between the look and the flip; the next turn of the loop serves the call.
            response.StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.Conflict);
            await Task.Delay(random.Next(20, 80), CancellationToken.None);
        }
    }

    private async Task VerifyFromStreamsAsync(Guid[] callIds, Guid[] agentIds)
    {
        var assignments = new List<(long Position, Guid CallId, Guid AgentId)>();
        var endings = new Dictionary<Guid, long>();
        foreach (var callId in callIds)
        {
            var events = await service.Store.ReadStreamAsync(StreamNames.Call(callId), Direction.Forwards, 0).ToListAsync();
            var assigned = events.Where(e => e.Event is AgentAssigned).ToList();
            assigned.Should().ContainSingle($"call {callId} gets exactly one agent");
            assignments.Add((assigned[0].Position, callId, ((AgentAssigned)assigned[0].Event).AgentId));
            endings[callId] = events.Single(e => e.Event is CallEnded).Position;
        }

        foreach (var agentId in agentIds)
        {
            // The agent's own stream: busy is entered only from available, for one call, and left for that same call.
            Guid? holding = null;
            await foreach (var e in service.Store.ReadStreamAsync(StreamNames.Agent(agentId), Direction.Forwards, 0))
            {
                if (e.Event is not AgentStatusChanged change) continue;
                if (change.To == AgentStatus.Busy)
                {
                    holding.Should().BeNull($"agent {agentId} took call {change.CallId} while holding {holding}");
                    holding = change.CallId;
                }
                else if (change.From == AgentStatus.Busy)
                {
                    change.CallId.Should().Be(holding!.Value);
                    holding = null;
                }
            }

            // Across the calls' streams: each assignment of this agent comes after their previous call ended.
            var mine = assignments.Where(a => a.AgentId == agentId).OrderBy(a => a.Position).ToList();
            for (var i = 1; i < mine.Count; i++)
                endings[mine[i - 1].CallId].Should().BeLessThan(mine[i].Position,
                    $"agent {agentId} got call {mine[i].CallId} only after call {mine[i - 1].CallId} ended");
        }
    }
}
