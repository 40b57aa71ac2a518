using RevoVoice.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("revovoice-media", defaultPort: 5104);
// Media never touches a database: it is ready when its own process is.
builder.Services.AddHealthChecks().AddCheck("media", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy(), [ServiceDefaultsExtensions.ReadyTag]);

var app = builder.Build();
app.MapHealthEndpoints();
app.Run();

/// <summary>The media service's entry point (referenced by its tests' WebApplicationFactory).</summary>
public partial class Program;
