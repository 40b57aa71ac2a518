using System.Text.Json.Nodes;
using Npgsql;
using RevoVoice.Testing;

namespace RevoVoice.EventStore.Tests.Support;

/// <summary>Builds a migrated store over a test database with the test event types registered.</summary>
public static class TestStore
{
    public static EventTypeRegistry Registry()
    {
        var registry = new EventTypeRegistry()
            .Register("call-started.v1", TestJsonContext.Default.CallStarted,
                new PersonalData(["callerNumber"], e => ((CallStarted)e).CustomerId))
            .Register("note-taken.v1", TestJsonContext.Default.NoteTaken)
            .Register("customer-registered.v2", TestJsonContext.Default.CustomerRegistered)
            .Register(typeof(CustomerProfile), "customer-profile.v1", TestJsonContext.Default,
                new PersonalData(["contact.phone", "contact.email", "age"], e => ((CustomerProfile)e).CustomerId))
            .Register("torture-event.v1", TestJsonContext.Default.TortureEvent);
        registry.AddUpcaster("customer-registered.v1", "customer-registered.v2", v1 =>
        {
            var parts = (v1["name"]?.GetValue<string>() ?? "").Split(' ', 2);
            return new JsonObject
            {
                ["customerId"] = v1["customerId"]?.GetValue<string>(),
                ["firstName"] = parts[0],
                ["lastName"] = parts.Length > 1 ? parts[1] : "",
            };
        });
        return registry;
    }

    public static async Task<PostgresEventStore> CreateAsync(PostgresDatabase database, EventStoreOptions? options = null, TimeProvider? time = null)
    {
        await new EventStoreMigrator(database.DataSource).MigrateAsync();
        return new PostgresEventStore(database.DataSource, Registry(), options, time);
    }

    public static async Task<List<ResolvedEvent>> ToListAsync(this IAsyncEnumerable<ResolvedEvent> events)
    {
        var list = new List<ResolvedEvent>();
        await foreach (var e in events) list.Add(e);
        return list;
    }

    public static EventData Note(string callId, string text) => EventData.Create(new NoteTaken(callId, text));

    public static async Task<T> ScalarAsync<T>(this NpgsqlDataSource dataSource, string sql, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
