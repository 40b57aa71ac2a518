using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using RevoVoice.Contracts.Serialization;
using RevoVoice.EventStore;
using RevoVoice.ServiceDefaults.Auth;
using RevoVoice.Write.Customers;
using RevoVoice.Testing;

namespace RevoVoice.Write.Tests.Http;

/// <summary>The write service on a fresh PostgreSQL database, reached through the test server, with tokens for every role.</summary>
public class WriteService : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private WebApplicationFactory<Program>? _factory;

    public static readonly string SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
    public static readonly AuthSettings Auth = new(SigningKey, AuthSettings.DefaultIssuer, AuthSettings.DefaultAudience);
    public static readonly string PhoneHashKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
    public static readonly JsonSerializerOptions Json = new(ContractsJsonContext.Default.Options);

    protected virtual bool RouterEnabled => false;

    public IServiceProvider Services => Factory.Services;

    public IEventStore Store => Services.GetRequiredService<IEventStore>();

    /// <summary>The service's database, reachable while the service is stopped.</summary>
    public Npgsql.NpgsqlDataSource Database => _database.DataSource;

    public async Task<List<ResolvedEvent>> CallEventsAsync(Guid callId)
    {
        var events = new List<ResolvedEvent>();
        await foreach (var e in Store.ReadStreamAsync(RevoVoice.Contracts.StreamNames.Call(callId), Direction.Forwards, 0)) events.Add(e);
        return events;
    }

    private WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("Not started.");

    public string Token(string role, string? subject = null, TimeSpan? lifetime = null) =>
        new TokenIssuer(Auth, TimeProvider.System).Issue(role, subject ?? $"test-{role}", lifetime);

    public HttpClient Client(string? role, string? subject = null)
    {
        var client = Factory.CreateClient();
        if (role is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(role, subject));
        return client;
    }

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Start();
    }

    /// <summary>Starts the service (again, after <see cref="StopAsync"/>) on the same database.</summary>
    public void Start()
    {
        if (_factory is not null) throw new InvalidOperationException("Already started.");
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:Postgres", _database.ConnectionString);
            web.UseSetting("RevoVoice:Auth:SigningKey", SigningKey);
            web.UseSetting(PhoneReservations.KeySetting, PhoneHashKey);
            web.UseSetting("RevoVoice:Write:Router:Enabled", RouterEnabled ? "true" : "false");
            web.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        _ = _factory.Server; // start now: migrations run, failures surface here
    }

    /// <summary>Stops the service the way a host stops (hosted services get their stop signal); the database stays.</summary>
    public async Task StopAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        _factory = null;
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        await _database.DisposeAsync();
    }
}
