using System.Buffers;
using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using RevoVoice.Contracts.Calls;

namespace RevoVoice.Bench.Write;

/// <summary>
/// One media leg's keep-alive HTTP/1.1 connection to the write service, posting turns one at a time, with the request
/// HttpClient sends for Media's reports. The load generator shares 2 cores with what it measures, so it keeps out of
/// the way: it writes each request into reused buffers and reads only what it needs of the answer (status line,
/// Content-Length or chunked framing, Connection: close), as wrk and h2load do. HttpClient with a timer per turn took
/// 0.10-0.12 ms of CPU a turn at the paced 2,000 turns/s; this, driven by <see cref="TurnPhase"/>, ~0.06 ms.
/// </summary>
internal sealed class TurnConnection(EndPoint service, string host, string bearerToken, JsonSerializerOptions json) : IDisposable
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();

    // What HttpClient sends for a JsonContent, as Media's reporter posts it: a chunked body (its length is not known
    // before it is serialized), here in one chunk.
    private readonly byte[] _headers = Encoding.ASCII.GetBytes(
        $"POST /calls/turns HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {bearerToken}\r\n" +
        "Content-Type: application/json; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n");
    private readonly ArrayBufferWriter<byte> _body = new(1024);
    private readonly ArrayBufferWriter<byte> _request = new(2048);
    private readonly Utf8JsonWriter _writer = new(Stream.Null);
    private byte[] _response = new byte[4096];
    private int _filled;
    private Socket? _socket;

    /// <summary>The connection's socket (connected by <see cref="Send"/>), for <see cref="Socket.Select"/>.</summary>
    public Socket? Socket => _socket;

    /// <summary>Sends one turn; throws <see cref="IOException"/> when the connection failed (the next send reconnects).</summary>
    public void Send(RecordTurn turn)
    {
        _body.ResetWrittenCount();
        _writer.Reset(_body);
        JsonSerializer.Serialize(_writer, turn, json);
        _request.ResetWrittenCount();
        _request.Write(_headers);
        Utf8Formatter.TryFormat(_body.WrittenCount, _request.GetSpan(16), out var digits, new StandardFormat('x'));
        _request.Advance(digits);
        _request.Write("\r\n"u8);
        _request.Write(_body.WrittenSpan);
        _request.Write("\r\n0\r\n\r\n"u8);
        _filled = 0;
        try
        {
            _socket ??= Connect();
            var request = _request.WrittenSpan;
            while (!request.IsEmpty)
                request = request[_socket.Send(request)..];
        }
        catch (SocketException e)
        {
            throw Failed(e);
        }
    }

    /// <summary>
    /// Reads what has arrived (call it when the socket is readable, or it blocks); the answer's status code once the
    /// whole answer is in, null while it is not. Throws <see cref="IOException"/> when the connection failed.
    /// </summary>
    public int? Receive()
    {
        try
        {
            if (_socket is null) throw new IOException("not connected");
            if (_filled == _response.Length) Array.Resize(ref _response, _response.Length * 2);
            var received = _socket.Receive(_response.AsSpan(_filled));
            if (received == 0) throw new IOException("the service closed the connection");
            _filled += received;
            if (CompleteResponse(_response.AsSpan(0, _filled)) is not var (status, keepAlive)) return null;
            if (!keepAlive) Close();
            return status;
        }
        catch (Exception e) when (e is SocketException or IOException or FormatException)
        {
            throw Failed(e);
        }
    }

    private Socket Connect()
    {
        var socket = new Socket(service.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Connect(service);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private IOException Failed(Exception e)
    {
        Close();
        return new IOException($"POST /calls/turns failed: {e.Message}", e);
    }

    /// <summary>The status and keep-alive of a complete answer in <paramref name="response"/>; null if more is to come.</summary>
    private static (int Status, bool KeepAlive)? CompleteResponse(ReadOnlySpan<byte> response)
    {
        var headerLength = response.IndexOf(HeaderEnd);
        if (headerLength < 0) return null;
        headerLength += HeaderEnd.Length;
        var (status, contentLength, chunked, keepAlive) = ParseHeaders(response[..headerLength]);
        var body = response[headerLength..];
        if (!chunked) return body.Length >= contentLength ? (status, keepAlive) : null;

        // Chunks: "<hex size>\r\n<data>\r\n", ending with a zero-size chunk and an empty trailer line.
        while (true)
        {
            var lineEnd = body.IndexOf("\r\n"u8);
            if (lineEnd < 0) return null;
            if (!Utf8Parser.TryParse(body[..lineEnd], out int size, out _, 'x')) throw new FormatException("bad chunk size");
            var next = lineEnd + 2 + size + 2;
            if (body.Length < next) return null;
            if (size == 0) return (status, keepAlive);
            body = body[next..];
        }
    }

    private static (int Status, int ContentLength, bool Chunked, bool KeepAlive) ParseHeaders(ReadOnlySpan<byte> head)
    {
        var lineEnd = head.IndexOf("\r\n"u8);
        var statusLine = head[..lineEnd];
        // "HTTP/1.1 200 OK"
        if (!statusLine.StartsWith("HTTP/1."u8) || statusLine.Length < 12 || !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out _))
            throw new FormatException($"not an HTTP/1.x status line: {Encoding.ASCII.GetString(statusLine)}");
        var contentLength = 0;
        bool chunked = false, keepAlive = true;
        for (head = head[(lineEnd + 2)..]; (lineEnd = head.IndexOf("\r\n"u8)) > 0; head = head[(lineEnd + 2)..])
        {
            var line = head[..lineEnd];
            var colon = line.IndexOf((byte)':');
            if (colon < 0) continue;
            var name = line[..colon].Trim((byte)' ');
            var value = line[(colon + 1)..].Trim((byte)' ');
            if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8) && !Utf8Parser.TryParse(value, out contentLength, out _))
                throw new FormatException($"bad Content-Length: {Encoding.ASCII.GetString(value)}");
            if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
                chunked = value.IndexOf("chunked"u8) >= 0;
            if (Ascii.EqualsIgnoreCase(name, "Connection"u8))
                keepAlive = !Ascii.EqualsIgnoreCase(value, "close"u8);
        }
        return (status, contentLength, chunked, keepAlive);
    }

    private void Close()
    {
        _socket?.Dispose();
        _socket = null;
    }

    public void Dispose()
    {
        Close();
        _writer.Dispose();
    }
}
