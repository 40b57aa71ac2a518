using RevoVoice.Bench;
using Spectre.Console;

// `./revovoice bench [AREA]`: each area prints its set-up, then one `BENCH <area>.<name> <value> <unit>` line per figure.
var areas = new Dictionary<string, Func<BenchSettings, CancellationToken, Task>>(StringComparer.OrdinalIgnoreCase)
{
    ["speech"] = RevoVoice.Bench.Speech.SpeechBenchmark.RunAsync,
    ["write"] = RevoVoice.Bench.Write.WriteBenchmark.RunAsync,
    ["eventstore"] = RevoVoice.Bench.EventStore.EventStoreBenchmark.RunAsync,
    ["sip"] = RevoVoice.Bench.Sip.SipBenchmark.RunAsync,
};

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };

var wanted = args.Length > 0 ? args[0] : "all";
if (wanted != "all" && !areas.ContainsKey(wanted))
{
    Console.Error.WriteLine($"unknown benchmark area '{wanted}'; known: {string.Join(", ", areas.Keys)}, all");
    return 2;
}

var settings = BenchSettings.FromEnvironment(args.Skip(1).ToArray());
AnsiConsole.MarkupLine($"[grey]machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}[/]");
foreach (var (name, run) in areas)
{
    if (wanted != "all" && !string.Equals(wanted, name, StringComparison.OrdinalIgnoreCase)) continue;
    AnsiConsole.Write(new Rule($"[bold]{name}[/]").LeftJustified());
    await run(settings, cancellation.Token);
}
return 0;
