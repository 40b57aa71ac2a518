using Npgsql;

namespace RevoVoice.Testing;

/// <summary>
/// A fresh PostgreSQL database for one test class (use it as an <c>IClassFixture</c>), created on the
/// local server and dropped when the class is done, so test classes run in parallel without sharing data.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    private readonly string _adminConnectionString;
    private NpgsqlDataSource? _dataSource;

    public PostgresDatabase() : this(LocalInfrastructure.PostgresAdminConnectionString)
    {
    }

    // xunit wants a single public constructor on a fixture, so other servers go through a factory.
    private PostgresDatabase(string adminConnectionString) => _adminConnectionString = adminConnectionString;

    /// <summary>A database on another server than the local one, given its administrator connection string.</summary>
    public static PostgresDatabase OnServer(string adminConnectionString) => new(adminConnectionString);

    public string DatabaseName { get; } = LocalInfrastructure.UniqueName("rv_test");

    public string ConnectionString { get; private set; } = "";

    public NpgsqlDataSource DataSource =>
        _dataSource ?? throw new InvalidOperationException("The database is not created yet.");

    public async Task InitializeAsync()
    {
        var admin = new NpgsqlConnectionStringBuilder(_adminConnectionString);
        try
        {
            await using var connection = new NpgsqlConnection(admin.ConnectionString);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{DatabaseName}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"No PostgreSQL server answers at {admin.Host}:{admin.Port}. {LocalInfrastructure.HowToStart}", e);
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(admin.ConnectionString)
        {
            Database = DatabaseName,
            Pooling = true,
            MaxPoolSize = 100,
        }.ConnectionString;
        _dataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is null) return;
        await _dataSource.DisposeAsync();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
