using RevoVoice.Media.Calls;
using RevoVoice.Media.Reporting;
using RevoVoice.Media.Sip;
using RevoVoice.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("revovoice-media", defaultPort: 5104);
// Media never touches a database: it is ready when its own process is.
builder.Services.AddHealthChecks().AddCheck("media", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy(), [ServiceDefaultsExtensions.ReadyTag]);
builder.Services.AddCallReporting(builder.Configuration);
builder.Services.AddCallApplications(builder.Configuration);
builder.Services.AddCallApplication<EchoApplication>("echo");
builder.Services.AddCallApplication<PlayApplication>("play");
builder.Services.AddSipGateway(builder.Configuration);
builder.Services.AddConversation(builder.Configuration);

var app = builder.Build();
app.MapHealthEndpoints();
app.Run();

/// <summary>The media service's entry point (referenced by its tests' WebApplicationFactory).</summary>
public partial class Program;
