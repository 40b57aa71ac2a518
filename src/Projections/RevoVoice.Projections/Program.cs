using RevoVoice.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("revovoice-projections", defaultPort: 5103);
builder.Services.AddHealthChecks()
    .AddPostgresReadiness(builder.Configuration.GetConnectionString("Postgres")
        ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not configured."))
    .AddClickHouseReadiness(new Uri(builder.Configuration["RevoVoice:ClickHouse:HttpEndpoint"]
        ?? throw new InvalidOperationException("RevoVoice:ClickHouse:HttpEndpoint is not configured.")));

var app = builder.Build();
app.MapHealthEndpoints();
app.Run();

/// <summary>The projections service's entry point (referenced by its tests' WebApplicationFactory).</summary>
public partial class Program;
