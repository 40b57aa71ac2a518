using RevoVoice.Testing;
using RevoVoice.Testing.Hosting;

namespace RevoVoice.Projections.Tests.Hosting;

public sealed class when_probing_the_projections_service_health(PostgresDatabase postgres)
    : PostgresAndClickHouseReadinessTests<Program>(postgres), IClassFixture<PostgresDatabase>;
