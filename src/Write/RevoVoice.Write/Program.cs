using RevoVoice.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("revovoice-write", defaultPort: 5101);
builder.Services.AddHealthChecks()
    .AddPostgresReadiness(builder.Configuration.GetConnectionString("Postgres")
        ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not configured."));

var app = builder.Build();
app.MapHealthEndpoints();
app.Run();

/// <summary>The write service's entry point (referenced by its tests' WebApplicationFactory).</summary>
public partial class Program;
