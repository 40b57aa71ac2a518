using Npgsql;
using RevoVoice.Testing;

namespace RevoVoice.EndToEnd.Tests.Foundation;

public sealed class when_test_classes_get_their_own_databases
{
    [Fact]
    public async Task two_postgres_fixtures_do_not_see_each_others_tables_and_are_dropped_afterwards()
    {
        var first = new PostgresDatabase();
        var second = new PostgresDatabase();
        await first.InitializeAsync();
        await second.InitializeAsync();

        await using (var command = first.DataSource.CreateCommand("CREATE TABLE mine (id int); INSERT INTO mine VALUES (1)"))
            await command.ExecuteNonQueryAsync();
        await using (var probe = second.DataSource.CreateCommand("SELECT to_regclass('mine') IS NULL"))
            ((bool)(await probe.ExecuteScalarAsync())!).Should().BeTrue("the second database must not see the first one's table");

        await first.DisposeAsync();
        await second.DisposeAsync();
        (await DatabaseExistsAsync(first.DatabaseName)).Should().BeFalse();
        (await DatabaseExistsAsync(second.DatabaseName)).Should().BeFalse();
    }

    [Fact]
    public async Task a_clickhouse_fixture_creates_and_drops_its_database()
    {
        var database = new ClickHouseDatabase();
        await database.InitializeAsync();
        await database.QueryAsync("CREATE TABLE t (x UInt8) ENGINE = Memory");
        await database.QueryAsync("INSERT INTO t VALUES (7)");
        (await database.QueryAsync("SELECT sum(x) FROM t")).Trim().Should().Be("7");

        var name = database.DatabaseName;
        await database.DisposeAsync();

        var other = new ClickHouseDatabase();
        await other.InitializeAsync();
        (await other.QueryAsync($"SELECT count() FROM system.databases WHERE name = '{name}'")).Trim().Should().Be("0");
        await other.DisposeAsync();
    }

    [Fact]
    public async Task a_missing_server_fails_with_the_command_that_starts_it()
    {
        var database = PostgresDatabase.OnServer("Host=127.0.0.1;Port=1;Username=postgres;Timeout=2");

        var act = () => database.InitializeAsync();

        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*127.0.0.1:1*./revovoice infra up*");
    }

    private static async Task<bool> DatabaseExistsAsync(string name)
    {
        await using var connection = new NpgsqlConnection(LocalInfrastructure.PostgresAdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }
}
