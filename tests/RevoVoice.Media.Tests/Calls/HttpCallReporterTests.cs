using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RevoVoice.Media.Reporting;
using RevoVoice.ServiceDefaults.Auth;

namespace RevoVoice.Media.Tests.Calls;

/// <summary>
/// The HTTP reporter against a small real Kestrel endpoint that records what it receives, fails when told to, and, like
/// Write, answers 401 to a bearer token that is not a valid <c>media</c> JWT at the moment it arrives (by the test's clock).
/// </summary>
public sealed class HttpCallReporterTests : IAsyncLifetime
{
    private readonly AuthSettings _auth = new(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)),
        AuthSettings.DefaultIssuer, AuthSettings.DefaultAudience);
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private readonly ConcurrentQueue<(string Path, string? Authorization, JsonElement Body)> _received = new();
    private int _failuresToServe;
    private int _delayMs;
    private WebApplication _app = null!;
    private string _baseUrl = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/{**path}", async (HttpContext context, string path) =>
        {
            if (_delayMs > 0) await Task.Delay(_delayMs);
            if (Interlocked.Decrement(ref _failuresToServe) >= 0) return Results.StatusCode(503);
            if (!await IsValidMediaTokenAsync(context.Request.Headers.Authorization.ToString())) return Results.StatusCode(401);
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body);
            _received.Enqueue((path, context.Request.Headers.Authorization.ToString(), body));
            return Results.Ok(new { commandId = body.GetProperty("commandId").GetGuid() });
        });
        await _app.StartAsync();
        _baseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<bool> IsValidMediaTokenAsync(string authorization)
    {
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal)) return false;
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(authorization["Bearer ".Length..], new TokenValidationParameters
        {
            ValidIssuer = _auth.Issuer,
            ValidAudience = _auth.Audience,
            IssuerSigningKey = _auth.SecurityKey(),
            ValidateLifetime = false, // checked against the test's clock below
        });
        return result.IsValid && result.SecurityToken is JsonWebToken jwt
               && jwt.GetClaim("role").Value == RevoVoiceRoles.Media
               && jwt.ValidFrom <= _clock.GetUtcNow().UtcDateTime && _clock.GetUtcNow().UtcDateTime < jwt.ValidTo;
    }

    private HttpCallReporter Reporter(int capacity = 100) => new(
        new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>(),
        Options.Create(new WriteApiOptions { BaseUrl = _baseUrl, QueueCapacity = capacity, MaxAttempts = 5 }),
        new WriteApiToken(_auth, _clock), _clock, NullLogger<HttpCallReporter>.Instance);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition() && deadline.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(20);
    }

    [Fact]
    public async Task when_calls_are_reported_the_write_routes_receive_the_commands_in_order_with_a_media_token_and_retries_keep_the_command_id()
    {
        _failuresToServe = 2;
        using var reporter = Reporter();
        await reporter.StartAsync(CancellationToken.None);
        var callId = Guid.NewGuid();
        var at = DateTimeOffset.UtcNow;
        var start = new CallStartedReport(callId, at, "sip-1", "sip:+441632960123@127.0.0.1", "sip:bot@127.0.0.1");
        reporter.Report(start);
        reporter.Report(new CallAnsweredReport(callId, at, "echo", "PCMU"));
        reporter.Report(new DtmfReceivedReport(callId, at, '5', 100, "Rfc4733"));
        reporter.Report(new CallEndedReport(callId, at, "CallerHungUp", 3, 150, 0, 1.5));
        await WaitUntilAsync(() => reporter.Delivered >= 4);
        await reporter.StopAsync(CancellationToken.None);

        var received = _received.ToList();
        received.Select(r => r.Path).Should().Equal("calls", "calls/answer", "calls/dtmf", "calls/end");
        reporter.Rejected.Should().Be(0, "every request carried a valid media token");
        received[0].Body.GetProperty("commandId").GetGuid().Should().Be(start.CommandId, "the retried StartCall kept its command id");
        received[0].Body.GetProperty("callId").GetGuid().Should().Be(callId);
        received[0].Body.GetProperty("callerNumber").GetString().Should().Be("+441632960123");
        received[0].Body.GetProperty("calledNumber").GetString().Should().Be("bot");
        received[2].Body.GetProperty("digits").GetString().Should().Be("5");
        received[3].Body.GetProperty("reason").GetString().Should().Be("CallerHungUp");
        received[1].Body.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(["commandId", "callId"], "Write refuses unknown fields");
        reporter.Delivered.Should().Be(4);
    }

    [Fact]
    public async Task when_write_is_slow_reporting_never_blocks_and_a_full_queue_drops_the_oldest_and_counts_it()
    {
        _delayMs = 2000;
        using var reporter = Reporter(capacity: 10);
        await reporter.StartAsync(CancellationToken.None);
        var timer = Stopwatch.StartNew();
        for (var i = 0; i < 1000; i++) reporter.Report(new DtmfReceivedReport(Guid.NewGuid(), DateTimeOffset.UtcNow, '1', 100, "Rfc4733"));
        timer.Elapsed.Should().BeLessThan(TimeSpan.FromMilliseconds(200), "Report only enqueues");
        reporter.Dropped.Should().BeGreaterThanOrEqualTo(989);
        await reporter.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task when_media_runs_for_longer_than_a_token_lives_its_reports_still_carry_a_valid_token()
    {
        using var reporter = Reporter();
        await reporter.StartAsync(CancellationToken.None);
        reporter.Report(new DtmfReceivedReport(Guid.NewGuid(), _clock.GetUtcNow(), '1', 100, "Rfc4733"));
        await WaitUntilAsync(() => reporter.Delivered >= 1);

        var sent = 1;
        foreach (var hoursLater in new[] { 0.9, 3, 30 })
        {
            _clock.Advance(TimeSpan.FromHours(hoursLater));
            reporter.Report(new DtmfReceivedReport(Guid.NewGuid(), _clock.GetUtcNow(), '2', 100, "Rfc4733"));
            sent++;
            await WaitUntilAsync(() => reporter.Delivered + reporter.Rejected >= sent);
        }
        await reporter.StopAsync(CancellationToken.None);

        reporter.Rejected.Should().Be(0, "a token about to expire or expired is replaced before it is sent");
        reporter.Delivered.Should().Be(4);
        _received.Select(r => r.Authorization).Distinct().Should().HaveCount(4, "each report came after the previous token's renewal point");
    }

    /// <summary>A clock the test moves by hand; timers (the reporter's retry waits) still run on real time.</summary>
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private long _ticks = start.UtcTicks;

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }
}
