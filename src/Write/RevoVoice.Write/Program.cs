using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RevoVoice.Contracts.Serialization;
using RevoVoice.EventStore;
using RevoVoice.ServiceDefaults;
using RevoVoice.ServiceDefaults.Auth;
using RevoVoice.Write.Calls;
using RevoVoice.Write.Commands;
using RevoVoice.Write.Customers;
using RevoVoice.Write.Http;
using RevoVoice.Write.Routing;
using Wolverine;
using Wolverine.Http;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("revovoice-write", defaultPort: 5101);
var postgres = builder.Configuration.GetConnectionString("Postgres")
    ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not configured.");
builder.Services.AddHealthChecks().AddPostgresReadiness(postgres);
builder.AddRevoVoiceAuthentication();

// The event store first: its hosted service migrates the schema before the router subscribes.
builder.Services.AddPostgresEventStore(postgres, registry => registry.AddWriteEvents(),
    options => builder.Configuration.GetSection("RevoVoice:EventStore").Bind(options));
builder.Services.AddSingleton<CommandMetrics>();
builder.Services.AddSingleton<AggregateStore>();
builder.Services.AddSingleton(new PhoneReservations(builder.Configuration)); // fails at start-up without its key
builder.Services.AddSingleton<CustomerDirectory>();
builder.Services.AddSingleton<AgentAssignment>();
if (builder.Configuration.GetValue("RevoVoice:Write:Router:Enabled", true))
    builder.Services.AddHostedService<CallRouter>();

builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(o => ConfigureCommandJson(o.SerializerOptions));
builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes);
builder.Host.UseWolverine(o =>
{
    // Commands are handled inline over HTTP; the event store is the outbox, so Wolverine keeps no durable state.
    o.Durability.Mode = DurabilityMode.MediatorOnly;
});
builder.Services.AddWolverineHttp();

var app = builder.Build();
app.UseExceptionHandler();
app.UseRequestLimits();
app.UseAuthentication();
app.UseAuthorization();
app.MapHealthEndpoints();
app.MapOpenApi();
app.MapWolverineEndpoints();
app.Run();

// Commands are read strictly: an unknown property, a missing required one or a null where the contract has none is a 400.
static void ConfigureCommandJson(JsonSerializerOptions json)
{
    json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
    json.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
    json.RespectNullableAnnotations = true;
    json.RespectRequiredConstructorParameters = true;
    json.TypeInfoResolver = JsonTypeInfoResolver.Combine(ContractsJsonContext.Default, new DefaultJsonTypeInfoResolver());
}

/// <summary>The write service's entry point (referenced by its tests' WebApplicationFactory).</summary>
public partial class Program;
