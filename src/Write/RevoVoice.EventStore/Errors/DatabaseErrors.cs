using System.Net.Sockets;
using Npgsql;

namespace RevoVoice.EventStore;

/// <summary>Recognises "the database is not there" failures so they surface as <see cref="EventStoreUnavailableException"/>.</summary>
internal static class DatabaseErrors
{
    public static bool IsUnavailable(Exception e) => e switch
    {
        // 08: connection exceptions; 57P01-03: admin/crash shutdown, cannot connect now; 3D000: database gone.
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                                || pg.SqlState is "57P01" or "57P02" or "57P03" or "3D000",
        NpgsqlException => true,
        SocketException or IOException or TimeoutException => true,
        ObjectDisposedException { ObjectName: not null } ode => ode.ObjectName.Contains("Npgsql", StringComparison.Ordinal),
        _ => false,
    };
}
