extern alias media;

using System.Security.Cryptography;
using media::RevoVoice.Media.Sip;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RevoVoice.EventStore;
using RevoVoice.Testing;

namespace RevoVoice.EndToEnd.Tests.Calls;

/// <summary>
/// The call path as deployed, in one test process: the real Media service (SIP and RTP on free UDP ports, the
/// <c>echo</c> application, every call recorded) reports over real HTTP to the real Write service on Kestrel (a free
/// loopback port), which appends to a fresh PostgreSQL database. Both services share a signing key generated for this
/// run, from which Media mints its own <c>media</c> tokens, exactly as <c>./revovoice up</c> wires them.
/// </summary>
public sealed class CallPlatform : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private WebApplicationFactory<Program>? _write;
    private WebApplicationFactory<media::Program>? _media;

    public string RecordingDirectory { get; } = Directory.CreateTempSubdirectory("revovoice-e2e-recordings-").FullName;

    /// <summary>Where Write's command API listens, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string WriteBaseUrl { get; private set; } = "";

    /// <summary>Write's event store (on the test's PostgreSQL database).</summary>
    public IEventStore Store => (_write ?? throw NotStarted()).Services.GetRequiredService<IEventStore>();

    public SipGateway Gateway => (_media ?? throw NotStarted()).Services.GetRequiredService<SipGateway>();

    public int SipPort => Gateway.LocalEndPoint.Port;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

        _write = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            // Port 0 both ways: an explicit urls setting, and the conventional port setting should urls be ignored.
            web.UseSetting("urls", "http://127.0.0.1:0");
            web.UseSetting("RevoVoice:Http:Port", "0");
            web.UseSetting("ConnectionStrings:Postgres", _database.ConnectionString);
            web.UseSetting("RevoVoice:Auth:SigningKey", signingKey);
            web.UseSetting("RevoVoice:Customers:PhoneHashKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)));
            web.UseSetting("RevoVoice:Write:Router:Enabled", "false");
            web.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        _write.UseKestrel();
        _write.StartServer();
        WriteBaseUrl = _write.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        var rtpPortMin = FreePorts.UdpBlock(20);
        var settings = new Dictionary<string, string>
        {
            ["RevoVoice:Sip:Address"] = "127.0.0.1",
            ["RevoVoice:Sip:Port"] = "0",
            ["RevoVoice:Rtp:PortMin"] = rtpPortMin.ToString(),
            ["RevoVoice:Rtp:PortMax"] = (rtpPortMin + 19).ToString(),
            ["RevoVoice:Media:Application"] = "echo",
            ["RevoVoice:Media:RecordAllCalls"] = "true",
            ["RevoVoice:Media:RecordingDirectory"] = RecordingDirectory,
            ["RevoVoice:Write:BaseUrl"] = WriteBaseUrl,
            ["RevoVoice:Auth:SigningKey"] = signingKey,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        _media = new WebApplicationFactory<media::Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in settings) web.UseSetting(key, value);
            web.ConfigureTestServices(services =>
            {
                // The echo application never speaks: skip loading the speech engines, which only slows the start.
                foreach (var warmUp in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "SpeechWarmUp").ToList())
                    services.Remove(warmUp);
            });
        });
        _ = Gateway; // starts Media: its SIP listener is bound from here on
    }

    /// <summary>
    /// The call's stream as soon as it ends with <paramref name="lastEventType"/>: Media reports in the background,
    /// so the events arrive a little after the SIP dialog is over.
    /// </summary>
    public async Task<IReadOnlyList<ResolvedEvent>> WaitForStreamEndingWithAsync(string streamId, string lastEventType, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        IReadOnlyList<ResolvedEvent> events = [];
        while (!deadline.IsCancellationRequested)
        {
            try
            {
                events = await Store.ReadStreamAsync(streamId, Direction.Forwards, 0, cancellationToken: deadline.Token).ToListAsync(deadline.Token);
                if (events.Count > 0 && events[^1].EventType == lastEventType) return events;
            }
            catch (StreamNotFoundException)
            {
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                break;
            }
            await Task.Delay(100, CancellationToken.None);
        }
        throw new TimeoutException($"{streamId} did not end with {lastEventType} within {timeout}; it holds [{string.Join(", ", events.Select(e => e.EventType))}].");
    }

    public async Task DisposeAsync()
    {
        // Media first, so nothing reports to a Write service that is gone.
        if (_media is not null) await _media.DisposeAsync();
        if (_write is not null) await _write.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(RecordingDirectory, recursive: true);
    }

    private static InvalidOperationException NotStarted() => new("The call platform has not started.");
}
