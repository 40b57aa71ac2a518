using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RevoVoice.Contracts;
using RevoVoice.Contracts.Calls;
using RevoVoice.EventStore;
using RevoVoice.ServiceDefaults.Auth;

namespace RevoVoice.Write.Tests.Http;

public sealed class when_commands_arrive_over_http(WriteService service) : IClassFixture<WriteService>
{
    private readonly HttpClient _media = service.Client(RevoVoiceRoles.Media);

    private static RecordTurn Turn(Guid callId, Guid? commandId = null) => new(commandId ?? Guid.NewGuid(), callId, Guid.NewGuid(), Speaker.Caller,
        "I would like to check my balance", 0.92, 200, 2_100, new DetectedIntent("check_balance", 0.87, [new IntentEntity("account", "12345678")]),
        new DetectedSentiment(Sentiment.Positive, 0.4));

    [Fact]
    public async Task a_turn_appends_utterance_intent_and_sentiment_in_one_batch()
    {
        var callId = await _media.AnswerNewCallAsync("+441632960002");
        var turn = Turn(callId);

        var response = await _media.SendAsync("/calls/turns", turn);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<CommandResult>(WriteService.Json))!.Revision.Should().Be(4);
        var events = await service.CallEventsAsync(callId);
        events.Skip(2).Select(e => e.Event.GetType()).Should().Equal(typeof(UtteranceRecognized), typeof(IntentDetected), typeof(SentimentChanged));
        events.Skip(2).Select(e => e.Position).Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task a_retried_command_answers_the_original_result_and_appends_nothing()
    {
        var callId = await _media.AnswerNewCallAsync("+441632960002");
        var turn = Turn(callId);

        var first = await (await _media.SendAsync("/calls/turns", turn)).Content.ReadFromJsonAsync<CommandResult>(WriteService.Json);
        (await _media.SendAsync("/calls/turns", Turn(callId))).EnsureSuccessStatusCode();
        var retry = await _media.SendAsync("/calls/turns", turn);

        retry.StatusCode.Should().Be(HttpStatusCode.OK);
        (await retry.Content.ReadFromJsonAsync<CommandResult>(WriteService.Json)).Should().Be(first);
        (await service.CallEventsAsync(callId)).Should().HaveCount(2 + 3 + 2, "the other turn added an utterance and an intent");
    }

    [Fact]
    public async Task a_command_retried_after_many_others_still_answers_its_original_result_even_once_the_call_has_ended()
    {
        // The service remembers only a call's latest event ids; older commands are found in the stream.
        var callId = await _media.AnswerNewCallAsync("+441632960002");
        var turn = Turn(callId);
        var first = await (await _media.SendAsync("/calls/turns", turn)).Content.ReadFromJsonAsync<CommandResult>(WriteService.Json);
        for (var i = 0; i < 20; i++) (await _media.SendAsync("/calls/turns", Turn(callId))).EnsureSuccessStatusCode();
        var stored = (await service.CallEventsAsync(callId)).Count;
        stored.Should().BeGreaterThan(40, "the first turn's events are long out of the remembered ones");

        // The sentiment no longer changes, so deciding again would give two events where the original had three.
        var retry = await _media.SendAsync("/calls/turns", turn);
        retry.StatusCode.Should().Be(HttpStatusCode.OK, await retry.Content.ReadAsStringAsync());
        (await retry.Content.ReadFromJsonAsync<CommandResult>(WriteService.Json)).Should().Be(first);

        (await _media.SendAsync("/calls/end", new EndCall(Guid.NewGuid(), callId, "caller hung up"))).EnsureSuccessStatusCode();
        var afterEnd = await _media.SendAsync("/calls/turns", turn);
        afterEnd.StatusCode.Should().Be(HttpStatusCode.OK, "a retry is answered, not judged again: {0}", await afterEnd.Content.ReadAsStringAsync());
        (await afterEnd.Content.ReadFromJsonAsync<CommandResult>(WriteService.Json)).Should().Be(first);
        (await service.CallEventsAsync(callId)).Should().HaveCount(stored + 1, "only the end was appended");
    }

    [Fact]
    public async Task a_retried_end_is_a_no_op_but_a_second_end_is_a_conflict()
    {
        var callId = await _media.AnswerNewCallAsync("+441632960002");
        var end = new EndCall(Guid.NewGuid(), callId, "caller hung up");
        var first = await _media.SendAsync("/calls/end", end);
        first.EnsureSuccessStatusCode();

        var retry = await _media.SendAsync("/calls/end", end);
        retry.StatusCode.Should().Be(HttpStatusCode.OK);
        (await retry.Content.ReadFromJsonAsync<CommandResult>(WriteService.Json))
            .Should().Be(await first.Content.ReadFromJsonAsync<CommandResult>(WriteService.Json));

        var problem = await Problems.ReadAsync(await _media.SendAsync("/calls/end", new EndCall(Guid.NewGuid(), callId, "again")), HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString().Should().Contain("already ended");
    }

    [Fact]
    public async Task concurrent_retries_of_one_command_append_it_once()
    {
        var callId = await _media.AnswerNewCallAsync("+441632960002");
        var turn = Turn(callId);
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _media.SendAsync("/calls/turns", turn)));
        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
        (await service.CallEventsAsync(callId)).Should().HaveCount(2 + 3);
    }

    [Fact]
    public async Task concurrent_turns_on_one_call_are_all_kept_in_order()
    {
        var callId = await _media.AnswerNewCallAsync("+441632960002");
        var turns = Enumerable.Range(0, 20).Select(_ => Turn(callId) with { Intent = null, Sentiment = null }).ToList();
        var responses = await Task.WhenAll(turns.Select(t => _media.SendAsync("/calls/turns", t)));
        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
        var utterances = (await service.CallEventsAsync(callId)).Select(e => e.Event).OfType<UtteranceRecognized>().Select(u => u.UtteranceId);
        utterances.Should().BeEquivalentTo(turns.Select(t => t.UtteranceId));
    }

    [Fact]
    public async Task every_event_carries_correlation_causation_actor_and_trace_context()
    {
        var callId = Guid.NewGuid();
        var command = new StartCall(Guid.NewGuid(), callId, "+441632960003", "+441632960999");
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/calls") { Content = JsonContent.Create(command, options: WriteService.Json) };
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        request.Headers.Add("X-Correlation-Id", "media-call-42");

        (await _media.SendAsync(request)).EnsureSuccessStatusCode();

        var metadata = (await service.CallEventsAsync(callId)).Single().Metadata;
        metadata.CorrelationId.Should().Be("media-call-42");
        metadata.CausationId.Should().Be(command.CommandId.ToString());
        metadata.Actor.Should().Be("media:test-media");
        metadata.TraceParent.Should().StartWith($"00-{traceId.ToHexString()}-");
    }

    [Fact]
    public async Task the_media_routes_record_what_happened_on_the_call()
    {
        var callId = await _media.AnswerNewCallAsync("+441632960002");
        (await _media.SendAsync("/calls/bot-responses", new RecordBotResponse(Guid.NewGuid(), callId, "How can I help?", 140))).EnsureSuccessStatusCode();
        (await _media.SendAsync("/calls/dtmf", new RecordDtmf(Guid.NewGuid(), callId, "42#"))).EnsureSuccessStatusCode();
        (await _media.SendAsync("/calls/barge-ins", new RecordBargeIn(Guid.NewGuid(), callId, 3_100))).EnsureSuccessStatusCode();
        (await _media.SendAsync("/calls/consents", new RecordCallConsent(Guid.NewGuid(), callId, ConsentKind.Recording, false))).EnsureSuccessStatusCode();
        (await _media.SendAsync("/calls/escalations", new EscalateCall(Guid.NewGuid(), callId, "low confidence"))).EnsureSuccessStatusCode();
        (await _media.SendAsync("/calls/queue", new QueueCall(Guid.NewGuid(), callId, "support", ["support"], 4))).EnsureSuccessStatusCode();
        (await _media.SendAsync("/calls/end", new EndCall(Guid.NewGuid(), callId, "caller hung up"))).EnsureSuccessStatusCode();

        (await service.CallEventsAsync(callId)).Select(e => e.EventType).Should().Equal(
            "call-started.v1", "call-answered.v1", "bot-responded.v1", "dtmf-received.v1", "caller-barged-in.v1", "consent-recorded.v1",
            "escalation-triggered.v1", "call-queued.v1", "call-ended.v1");
        (await _media.SendAsync("/calls/dtmf", new RecordDtmf(Guid.NewGuid(), callId, "x"))).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task malformed_json_is_a_400()
    {
        var problem = await Problems.ReadAsync(await _media.PostAsync("/calls/turns",
            new StringContent("{\"commandId\": \"", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        problem.GetProperty("status").GetInt32().Should().Be(400);
    }

    [Fact]
    public async Task a_field_of_the_wrong_type_is_a_400()
    {
        var json = $$"""{"commandId":"{{Guid.NewGuid()}}","callId":"{{Guid.NewGuid()}}","queue":"billing","skills":[],"priority":"high"}""";
        await Problems.ReadAsync(await _media.PostAsync("/calls/queue", new StringContent(json, Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task an_unknown_field_is_a_400()
    {
        var json = $$"""{"commandId":"{{Guid.NewGuid()}}","callId":"{{Guid.NewGuid()}}","reason":"x","urgency":5}""";
        await Problems.ReadAsync(await _media.PostAsync("/calls/end", new StringContent(json, Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task a_missing_field_is_a_400()
    {
        var json = $$"""{"commandId":"{{Guid.NewGuid()}}","callId":"{{Guid.NewGuid()}}"}""";
        await Problems.ReadAsync(await _media.PostAsync("/calls/end", new StringContent(json, Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task a_body_of_10_mib_is_refused_with_413()
    {
        var callId = await _media.AnswerNewCallAsync("+441632960002");
        var turn = Turn(callId) with { Text = new string('a', 10 * 1024 * 1024) };
        var problem = await Problems.ReadAsync(await _media.SendAsync("/calls/turns", turn), HttpStatusCode.RequestEntityTooLarge);
        problem.GetProperty("detail").GetString().Should().Contain("at most");
        (await service.CallEventsAsync(callId)).Should().HaveCount(2);
    }

    [Fact]
    public async Task no_token_is_a_401()
    {
        var problem = await Problems.ReadAsync(await service.Client(null).SendAsync("/calls/turns", Turn(Guid.NewGuid())), HttpStatusCode.Unauthorized);
        problem.GetProperty("detail").GetString().Should().Contain("required");
    }

    [Fact]
    public async Task an_expired_token_is_a_401()
    {
        var client = service.Client(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            service.Token(RevoVoiceRoles.Media, lifetime: TimeSpan.FromMinutes(-5)));
        var problem = await Problems.ReadAsync(await client.SendAsync("/calls/turns", Turn(Guid.NewGuid())), HttpStatusCode.Unauthorized);
        problem.GetProperty("detail").GetString().Should().Contain("expired");
    }

    [Fact]
    public async Task a_token_signed_with_another_key_is_a_401()
    {
        var other = new TokenIssuer(new AuthSettings(new string('k', 48), "revovoice", "revovoice"), TimeProvider.System);
        var client = service.Client(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", other.Issue(RevoVoiceRoles.Media, "intruder"));
        await Problems.ReadAsync(await client.SendAsync("/calls/turns", Turn(Guid.NewGuid())), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_role_that_may_not_send_the_command_is_a_403()
    {
        var problem = await Problems.ReadAsync(await service.Client(RevoVoiceRoles.Analyst).SendAsync("/calls/turns", Turn(Guid.NewGuid())), HttpStatusCode.Forbidden);
        problem.GetProperty("detail").GetString().Should().Contain("analyst");
        await Problems.ReadAsync(await _media.SendAsync("/customers/forget",
            new Contracts.Customers.ForgetCustomer(Guid.NewGuid(), Guid.NewGuid(), "x")), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task an_unknown_call_is_a_404()
    {
        var problem = await Problems.ReadAsync(await _media.SendAsync("/calls/turns", Turn(Guid.NewGuid())), HttpStatusCode.NotFound);
        problem.GetProperty("detail").GetString().Should().Contain("does not exist");
    }

    [Fact]
    public async Task a_turn_after_the_call_ended_is_a_409()
    {
        var callId = await _media.AnswerNewCallAsync("+441632960002");
        (await _media.SendAsync("/calls/end", new EndCall(Guid.NewGuid(), callId, "caller hung up"))).EnsureSuccessStatusCode();
        var problem = await Problems.ReadAsync(await _media.SendAsync("/calls/turns", Turn(callId)), HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString().Should().Contain("after");
    }

    [Fact]
    public async Task an_invalid_command_is_a_422_naming_every_problem()
    {
        var callId = await _media.AnswerNewCallAsync("+441632960002");
        var problem = await Problems.ReadAsync(await _media.SendAsync("/calls/turns", Turn(callId) with { Text = " ", Confidence = 1.5 }),
            HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("detail").GetString().Should().Contain("text").And.Contain("confidence");
        (await service.CallEventsAsync(callId)).Should().HaveCount(2);
    }

    [Fact]
    public async Task the_openapi_document_lists_the_command_routes()
    {
        var response = await service.Client(null).GetAsync("/openapi/v1.json");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        var paths = JsonDocument.Parse(body).RootElement.GetProperty("paths");
        foreach (var route in new[] { "/calls", "/calls/turns", "/calls/end", "/customers", "/agents/status", "/calls/assignments" })
            paths.TryGetProperty(route, out _).Should().BeTrue(route);
    }
}
