using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace RevoVoice.Media.Reporting;

/// <summary>
/// Delivers call reports to the Write service's HTTP command API from a bounded background queue, in order,
/// retrying transient failures (network errors, 408, 429, 5xx) with doubling back-off. <see cref="Report"/>
/// only enqueues, so the media path never waits for Write.
/// </summary>
public sealed class HttpCallReporter : BackgroundService, ICallReporter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Channel<CallReport> _queue;
    private readonly IHttpClientFactory _clients;
    private readonly WriteApiOptions _options;
    private readonly WriteApiToken _token;
    private readonly TimeProvider _time;
    private readonly ILogger<HttpCallReporter> _logger;
    private long _delivered;
    private long _dropped;
    private long _rejected;

    public HttpCallReporter(IHttpClientFactory clients, IOptions<WriteApiOptions> options, WriteApiToken token, TimeProvider time,
        ILogger<HttpCallReporter> logger)
    {
        _clients = clients;
        _options = options.Value;
        _token = token;
        _time = time;
        _logger = logger;
        _queue = Channel.CreateBounded<CallReport>(
            new BoundedChannelOptions(_options.QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
    }

    public const string HttpClientName = "revovoice-write";

    /// <summary>The header Write reads the correlation id from (src/Write/RevoVoice.Write/Http/ROUTES.md, "Event metadata").</summary>
    public const string CorrelationHeader = "X-Correlation-Id";

    /// <summary>Reports the Write API accepted.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Reports lost because the queue was full or every attempt failed.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Reports the Write API refused as invalid (4xx other than 408/409/429); not retried.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Reports waiting for delivery.</summary>
    public int Pending => _queue.Reader.Count;

    public void Report(CallReport report)
    {
        if (!_queue.Writer.TryWrite(report)) Interlocked.Increment(ref _dropped);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var client = _clients.CreateClient(HttpClientName);
        client.BaseAddress = new Uri(_options.BaseUrl.TrimEnd('/') + "/");
        client.Timeout = TimeSpan.FromSeconds(5);

        await foreach (var report in _queue.Reader.ReadAllAsync(stoppingToken))
            await DeliverAsync(client, report, stoppingToken);
    }

    private async Task DeliverAsync(HttpClient client, CallReport report, CancellationToken cancellationToken)
    {
        var wait = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            string failure;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, report.Route)
                {
                    Content = JsonContent.Create(report.Body, report.Body.GetType(), options: Json),
                };
                // Every command of one call carries the call id as correlation id, so Write's events of a call read as one story.
                request.Headers.Add(CorrelationHeader, report.CallId.ToString());
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token.Current());
                using var response = await client.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Conflict)
                {
                    Interlocked.Increment(ref _delivered);
                    return;
                }
                if (!IsTransient(response.StatusCode))
                {
                    Interlocked.Increment(ref _rejected);
                    var problem = await response.Content.ReadAsStringAsync(cancellationToken);
                    _logger.LogWarning("Write refused {Report} for call {CallId}: {Status} {Problem}",
                        report.GetType().Name, report.CallId, (int)response.StatusCode, problem);
                    return;
                }
                failure = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                failure = e.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = "timeout";
            }
            if (attempt == _options.MaxAttempts)
            {
                Interlocked.Increment(ref _dropped);
                _logger.LogWarning("Gave up reporting {Report} for call {CallId} after {Attempts} attempts: {Failure}",
                    report.GetType().Name, report.CallId, attempt, failure);
                return;
            }
            _logger.LogDebug("Reporting {Report} failed ({Failure}); retrying in {Wait}", report.GetType().Name, failure, wait);
            await Task.Delay(wait, _time, cancellationToken);
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
