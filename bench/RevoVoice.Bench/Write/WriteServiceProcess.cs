using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RevoVoice.Bench.Write;

/// <summary>
/// The write service as its own process (Release build, real Kestrel on a free loopback port), so the benchmark
/// measures what Media would see: HTTP, authentication, Wolverine, the event store and PostgreSQL.
/// </summary>
internal sealed class WriteServiceProcess : IAsyncDisposable
{
    private readonly Process _process;

    private WriteServiceProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>CPU time the service has used so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<WriteServiceProcess> StartAsync(string repositoryRoot, string connectionString, string signingKey,
        CancellationToken cancellationToken)
    {
        var dll = Path.Combine(repositoryRoot, "src/Write/RevoVoice.Write/bin/Release/net10.0/RevoVoice.Write.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"{dll} is missing; `./revovoice bench` builds it (Release) with the benchmarks.");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Postgres"] = connectionString;
        start.Environment["RevoVoice__Auth__SigningKey"] = signingKey;
        start.Environment["RevoVoice__Customers__PhoneHashKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        start.Environment["RevoVoice__Http__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the write service");
        var log = new List<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var service = new WriteServiceProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = service.Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
                throw new InvalidOperationException($"the write service exited ({process.ExitCode}):\n{string.Join('\n', log.TakeLast(20))}");
            try
            {
                using var ready = await http.GetAsync("/health/ready", cancellationToken);
                if (ready.StatusCode == HttpStatusCode.OK) return service;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { }
            await Task.Delay(200, cancellationToken);
        }
        await service.DisposeAsync();
        throw new TimeoutException("the write service did not become ready within 60 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
