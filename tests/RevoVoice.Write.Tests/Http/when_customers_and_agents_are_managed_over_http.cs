using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using RevoVoice.Contracts;
using RevoVoice.Contracts.Agents;
using RevoVoice.Contracts.Calls;
using RevoVoice.Contracts.Customers;
using RevoVoice.EventStore;
using RevoVoice.ServiceDefaults.Auth;
using RevoVoice.Write.Agents;
using RevoVoice.Write.Commands;
using RevoVoice.Write.Customers;

namespace RevoVoice.Write.Tests.Http;

public sealed class when_customers_and_agents_are_managed_over_http(WriteService service) : IClassFixture<WriteService>
{
    private readonly HttpClient _media = service.Client(RevoVoiceRoles.Media);
    private readonly HttpClient _supervisor = service.Client(RevoVoiceRoles.Supervisor);
    private readonly HttpClient _admin = service.Client(RevoVoiceRoles.Admin);

    private static string UniquePhone() => $"+4477{Random.Shared.Next(10_000_000, 99_999_999)}";

    private async Task<List<ResolvedEvent>> EventsAsync(string stream) =>
        await service.Store.ReadStreamAsync(stream, Direction.Forwards, 0).ToListAsync();

    [Fact]
    public async Task two_customers_racing_for_one_phone_number_cannot_both_have_it()
    {
        var phone = UniquePhone();
        var registrations = Enumerable.Range(0, 6)
            .Select(i => new RegisterCustomer(Guid.NewGuid(), Guid.NewGuid(), $"Customer {i}", phone)).ToList();

        var responses = await Task.WhenAll(registrations.Select(r => _supervisor.SendAsync("/customers", r)));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).Should().Be(5);
        var detail = await responses.First(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadAsStringAsync();
        detail.Should().Contain("already registered to another customer");
    }

    [Fact]
    public async Task the_same_number_written_differently_is_the_same_number()
    {
        (await _supervisor.SendAsync("/customers", new RegisterCustomer(Guid.NewGuid(), Guid.NewGuid(), "Ann", "+44 20 7946 0321")))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await _supervisor.SendAsync("/customers", new RegisterCustomer(Guid.NewGuid(), Guid.NewGuid(), "Bob", "0044 (20) 7946-0321")))
            .StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task a_call_from_a_registered_number_is_identified_and_forgetting_the_customer_erases_it()
    {
        var phone = UniquePhone();
        var customerId = Guid.NewGuid();
        (await _supervisor.SendAsync("/customers", new RegisterCustomer(Guid.NewGuid(), customerId, "Grace Hopper", phone))).EnsureSuccessStatusCode();
        var callId = Guid.NewGuid();
        (await _media.SendAsync("/calls", new StartCall(Guid.NewGuid(), callId, phone, "+441632960999"))).EnsureSuccessStatusCode();
        (await _media.SendAsync("/calls/answer", new AnswerCall(Guid.NewGuid(), callId))).EnsureSuccessStatusCode();
        (await _media.SendAsync("/calls/turns", new RecordTurn(Guid.NewGuid(), callId, Guid.NewGuid(), Speaker.Caller,
            "my name is Grace", 0.9, 0, 900, null, null))).EnsureSuccessStatusCode();

        var call = await EventsAsync(StreamNames.Call(callId));
        call[0].Event.Should().BeOfType<CallStarted>().Which.CustomerId.Should().Be(customerId);
        call[1].Event.Should().Be(new CustomerIdentified(customerId, callId, "caller-id", ((CallStarted)call[0].Event).StartedAt));
        call.Select(e => e.Record.DataSubject).OfType<string>().Distinct().Should().Equal(StreamNames.Customer(customerId));
        call[0].Record.Data.Should().NotContain(phone, "personal data is stored encrypted");
        var reservation = service.Services.GetRequiredService<PhoneReservations>().StreamFor(phone);
        (await EventsAsync(reservation)).Should().ContainSingle().Which.Event.Should().BeOfType<PhoneNumberReserved>();

        (await _admin.SendAsync("/customers/forget", new ForgetCustomer(Guid.NewGuid(), customerId, "GDPR request"))).EnsureSuccessStatusCode();

        var erased = await EventsAsync(StreamNames.Call(callId));
        erased[0].Event.Should().BeOfType<CallStarted>().Which.CallerNumber.Should().Be(PersonalData.ErasedMarker);
        erased.Select(e => e.Event).OfType<UtteranceRecognized>().Single().Text.Should().Be(PersonalData.ErasedMarker);
        var customer = await EventsAsync(StreamNames.Customer(customerId));
        customer[0].Event.Should().BeOfType<CustomerRegistered>().Which.Name.Should().Be(PersonalData.ErasedMarker);
        customer[^1].Event.Should().BeOfType<CustomerForgotten>();

        await FluentActions.Awaiting(() => EventsAsync(reservation)).Should().ThrowAsync<StreamNotFoundException>("forgetting deletes the reservation");

        // The number is free again, and no longer identifies anybody.
        (await _supervisor.SendAsync("/customers", new RegisterCustomer(Guid.NewGuid(), Guid.NewGuid(), "New owner", phone)))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await _supervisor.SendAsync("/customers/preferences", new SetPreference(Guid.NewGuid(), customerId, "language", "en")))
            .StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task forgetting_a_customer_erases_what_they_said_before_a_call_identified_them()
    {
        var customerId = Guid.NewGuid();
        (await _supervisor.SendAsync("/customers", new RegisterCustomer(Guid.NewGuid(), customerId, "Ada Lovelace", UniquePhone()))).EnsureSuccessStatusCode();
        var callId = Guid.NewGuid();
        var withheldNumber = UniquePhone();
        (await _media.SendAsync("/calls", new StartCall(Guid.NewGuid(), callId, withheldNumber, "+441632960999"))).EnsureSuccessStatusCode();
        (await _media.SendAsync("/calls/answer", new AnswerCall(Guid.NewGuid(), callId))).EnsureSuccessStatusCode();
        (await _media.SendAsync("/calls/turns", new RecordTurn(Guid.NewGuid(), callId, Guid.NewGuid(), Speaker.Caller,
            "my account number is 12345678", 0.9, 0, 900, null, null))).EnsureSuccessStatusCode();
        var identify = new IdentifyCustomer(Guid.NewGuid(), callId, customerId);
        (await _media.SendAsync("/calls/identification", identify)).EnsureSuccessStatusCode();
        (await _media.SendAsync("/calls/identification", identify)).StatusCode.Should().Be(HttpStatusCode.OK, "a retry is a no-op");
        (await EventsAsync(StreamNames.Customer(customerId))).Select(e => e.Event).OfType<CustomerIdentifiedOnCall>()
            .Should().ContainSingle().Which.CallId.Should().Be(callId);
        (await EventsAsync(StreamNames.Call(callId))).Select(e => e.Event).OfType<UtteranceRecognized>().Single().Text
            .Should().Be("my account number is 12345678", "the call's key still exists");

        (await _admin.SendAsync("/customers/forget", new ForgetCustomer(Guid.NewGuid(), customerId, "GDPR request"))).EnsureSuccessStatusCode();

        var call = await EventsAsync(StreamNames.Call(callId));
        call[0].Event.Should().BeOfType<CallStarted>().Which.CallerNumber.Should().Be(PersonalData.ErasedMarker);
        call.Select(e => e.Event).OfType<UtteranceRecognized>().Single().Text.Should().Be(PersonalData.ErasedMarker);
        (await _media.SendAsync("/calls/identification", new IdentifyCustomer(Guid.NewGuid(), Guid.NewGuid(), customerId)))
            .StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task an_invalid_phone_number_is_a_422() =>
        (await _supervisor.SendAsync("/customers", new RegisterCustomer(Guid.NewGuid(), Guid.NewGuid(), "Ann", "call me maybe")))
            .StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);

    [Fact]
    public async Task preferences_and_consent_of_an_unknown_customer_are_a_404()
    {
        (await _supervisor.SendAsync("/customers/preferences", new SetPreference(Guid.NewGuid(), Guid.NewGuid(), "language", "en")))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _media.SendAsync("/customers/consents", new ChangeConsent(Guid.NewGuid(), Guid.NewGuid(), ConsentKind.Recording, true)))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task an_agent_changes_only_their_own_status()
    {
        var agentId = Guid.NewGuid();
        (await _supervisor.SendAsync("/agents", new RegisterAgent(Guid.NewGuid(), agentId, "Ada", [new AgentSkill("billing", 3)]))).EnsureSuccessStatusCode();

        (await service.Client(RevoVoiceRoles.Agent, agentId.ToString()).SendAsync("/agents/status", new ChangeAgentStatus(Guid.NewGuid(), agentId, AgentStatus.Available)))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await service.Client(RevoVoiceRoles.Agent, Guid.NewGuid().ToString()).SendAsync("/agents/status", new ChangeAgentStatus(Guid.NewGuid(), agentId, AgentStatus.Away)))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _supervisor.SendAsync("/agents/status", new ChangeAgentStatus(Guid.NewGuid(), agentId, AgentStatus.Busy)))
            .StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task skills_out_of_range_are_a_422() =>
        (await _supervisor.SendAsync("/agents", new RegisterAgent(Guid.NewGuid(), Guid.NewGuid(), "Ada", [new AgentSkill("billing", 9)])))
            .StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);

    [Fact]
    public async Task a_supervisor_assigns_a_queued_call_and_the_agent_is_busy_until_wrap_up()
    {
        var agentId = Guid.NewGuid();
        (await _supervisor.SendAsync("/agents", new RegisterAgent(Guid.NewGuid(), agentId, "Ada", [new AgentSkill("billing", 3)]))).EnsureSuccessStatusCode();
        var callId = Guid.NewGuid();
        (await _media.SendAsync("/calls", new StartCall(Guid.NewGuid(), callId, UniquePhone(), "+441632960999"))).EnsureSuccessStatusCode();
        (await _media.SendAsync("/calls/answer", new AnswerCall(Guid.NewGuid(), callId))).EnsureSuccessStatusCode();

        // Not queued yet: refused before the agent is touched.
        (await _supervisor.SendAsync("/calls/assignments", new AssignAgent(Guid.NewGuid(), callId, agentId))).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await _media.SendAsync("/calls/escalations", new EscalateCall(Guid.NewGuid(), callId, "asked for a human"))).EnsureSuccessStatusCode();
        (await _media.SendAsync("/calls/queue", new QueueCall(Guid.NewGuid(), callId, "billing", ["billing"], 3))).EnsureSuccessStatusCode();
        // The agent is offline.
        (await _supervisor.SendAsync("/calls/assignments", new AssignAgent(Guid.NewGuid(), callId, agentId))).StatusCode.Should().Be(HttpStatusCode.Conflict);

        (await _supervisor.SendAsync("/agents/status", new ChangeAgentStatus(Guid.NewGuid(), agentId, AgentStatus.Available))).EnsureSuccessStatusCode();
        var assign = new AssignAgent(Guid.NewGuid(), callId, agentId);
        var first = await _supervisor.SendAsync("/calls/assignments", assign);
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        var retry = await _supervisor.SendAsync("/calls/assignments", assign);
        (await retry.Content.ReadFromJsonAsync<CommandResult>(WriteService.Json)).Should().Be(await first.Content.ReadFromJsonAsync<CommandResult>(WriteService.Json));

        var aggregates = service.Services.GetRequiredService<AggregateStore>();
        (await aggregates.GetAsync<Agent>(StreamNames.Agent(agentId), agentId, default)).Should().Match<Agent>(a => a.Status == AgentStatus.Busy && a.CurrentCallId == callId);
        var desk = service.Client(RevoVoiceRoles.Agent, agentId.ToString());
        (await desk.SendAsync("/agents/status", new ChangeAgentStatus(Guid.NewGuid(), agentId, AgentStatus.Away))).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await desk.SendAsync("/calls/agent-actions", new TakeAgentAction(Guid.NewGuid(), callId, agentId, AgentAction.Note, "wants a refund", null))).EnsureSuccessStatusCode();
        (await desk.SendAsync("/calls/agent-actions", new TakeAgentAction(Guid.NewGuid(), callId, agentId, AgentAction.WrapUp, null, null)))
            .StatusCode.Should().Be(HttpStatusCode.Conflict, "wrap-up comes after the call");
        (await desk.SendAsync("/calls/end", new EndCall(Guid.NewGuid(), callId, "resolved"))).EnsureSuccessStatusCode();
        (await desk.SendAsync("/calls/agent-actions", new TakeAgentAction(Guid.NewGuid(), callId, agentId, AgentAction.WrapUp, null, null))).EnsureSuccessStatusCode();
        (await aggregates.GetAsync<Agent>(StreamNames.Agent(agentId), agentId, default)).Status.Should().Be(AgentStatus.Available);
    }
}
