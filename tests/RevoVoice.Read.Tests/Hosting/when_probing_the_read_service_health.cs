using RevoVoice.Testing;
using RevoVoice.Testing.Hosting;

namespace RevoVoice.Read.Tests.Hosting;

public sealed class when_probing_the_read_service_health(PostgresDatabase postgres)
    : PostgresAndClickHouseReadinessTests<Program>(postgres), IClassFixture<PostgresDatabase>;
