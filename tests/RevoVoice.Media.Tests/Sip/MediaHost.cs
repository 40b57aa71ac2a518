using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RevoVoice.Media.Calls;
using RevoVoice.Media.Sip;
using RevoVoice.Testing;

namespace RevoVoice.Media.Tests.Sip;

/// <summary>
/// The real Media service in process, with its SIP listener on a free port (never 5060), its own RTP port range,
/// and the <see cref="ScenarioApplication"/> (or another configured application).
/// </summary>
public sealed class MediaHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    public MediaHost(IDictionary<string, string?>? settings = null, string application = "scenario")
    {
        RtpPortMin = FreePorts.UdpBlock(200);
        RecordingDirectory = Directory.CreateTempSubdirectory("revovoice-recordings-").FullName;
        var all = new Dictionary<string, string?>
        {
            ["RevoVoice:Sip:Address"] = "127.0.0.1",
            ["RevoVoice:Sip:Port"] = "0",
            ["RevoVoice:Rtp:PortMin"] = RtpPortMin.ToString(),
            ["RevoVoice:Rtp:PortMax"] = (RtpPortMin + 199).ToString(),
            ["RevoVoice:Media:Application"] = application,
            ["RevoVoice:Media:RecordingDirectory"] = RecordingDirectory,
            // No Write service in these tests: one quick attempt per report, against a closed port.
            ["RevoVoice:Write:BaseUrl"] = "http://127.0.0.1:9",
            ["RevoVoice:Write:MaxAttempts"] = "1",
            ["RevoVoice:Auth:SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in all) builder.UseSetting(key, value);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<ScenarioLog>();
                services.AddCallApplication<ScenarioApplication>("scenario");
            });
        });
        Gateway = _factory.Services.GetRequiredService<SipGateway>();
        Log = _factory.Services.GetRequiredService<ScenarioLog>();
    }

    public int RtpPortMin { get; }

    public string RecordingDirectory { get; }

    public SipGateway Gateway { get; }

    public ScenarioLog Log { get; }

    public int SipPort => Gateway.LocalEndPoint.Port;

    public IServiceProvider Services => _factory.Services;

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        try
        {
            Directory.Delete(RecordingDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
