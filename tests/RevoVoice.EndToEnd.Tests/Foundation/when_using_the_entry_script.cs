using System.Net;
using System.Net.Sockets;

namespace RevoVoice.EndToEnd.Tests.Foundation;

public sealed class when_using_the_entry_script
{
    [Fact]
    public async Task an_unknown_command_prints_usage_and_exits_2()
    {
        var run = await ScriptRun.StartAsync(null, "frobnicate");

        run.ExitCode.Should().Be(2);
        run.StandardError.Should().Contain("unknown command: frobnicate").And.Contain("usage: ./revovoice");
    }

    [Fact]
    public async Task an_unknown_infra_action_prints_usage_and_exits_2()
    {
        var run = await ScriptRun.StartAsync(null, "infra", "sideways");

        run.ExitCode.Should().Be(2);
        run.StandardError.Should().Contain("usage: ./revovoice");
    }

    [Fact]
    public async Task help_lists_every_command()
    {
        var run = await ScriptRun.StartAsync(null, "help");

        run.ExitCode.Should().Be(0);
        foreach (var command in new[] { "demo", "test", "infra up|down|status", "up | down", "bench [AREA]", "token --role ROLE" })
            run.StandardOutput.Should().Contain(command);
    }

    [Fact]
    public async Task a_port_taken_by_someone_else_is_named_with_the_way_to_choose_another()
    {
        // Someone else's server holds the port we ask PostgreSQL to use.
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var run = await ScriptRun.StartAsync(new Dictionary<string, string> { ["REVOVOICE_PG_PORT"] = port.ToString() }, "infra", "up");

        run.ExitCode.Should().NotBe(0);
        run.StandardError.Should().Contain($"port {port}").And.Contain("REVOVOICE_PG_PORT=<port>");
    }

    [Fact]
    public async Task infra_status_reports_the_running_servers()
    {
        var run = await ScriptRun.StartAsync(null, "infra", "status");

        run.ExitCode.Should().Be(0);
        run.StandardOutput.Should().MatchRegex(@"postgres\s+up").And.MatchRegex(@"clickhouse\s+up");
    }
}
