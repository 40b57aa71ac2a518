using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace RevoVoice.Telephony.Rtp;

/// <summary>
/// Reads the RTP sockets of one clock shard on a dedicated thread, through a Linux epoll set (level-triggered, so a
/// session that leaves datagrams behind is simply reported again): received audio never waits for a thread-pool
/// thread, which speech decoding or a burst of HTTP work can keep busy for hundreds of milliseconds. Elsewhere
/// (<see cref="IsSupported"/> false) sessions read their sockets with async receives instead.
/// </summary>
internal sealed unsafe partial class RtpReceiver : IDisposable
{
    private const int EpollCtlAdd = 1;
    private const int EpollCtlDel = 2;
    private const uint EpollIn = 0x001;
    private const int EpollCloexec = 0x80000;
    private const int MaxEvents = 64;
    private const int WaitMs = 20;

    // struct epoll_event is packed (12 bytes) on x86-64 and naturally aligned (16 bytes) elsewhere.
    private static readonly int EventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;
    private static readonly int DataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    private readonly int _epoll;
    private readonly ConcurrentDictionary<long, RtpSession> _sessions = new();
    private readonly Thread _thread;
    private volatile bool _stopping;

    public RtpReceiver()
    {
        _epoll = EpollCreate1(EpollCloexec);
        if (_epoll < 0) throw new SocketException(Marshal.GetLastPInvokeError());
        _thread = new Thread(Run) { IsBackground = true, Name = "revovoice-rtp-receive", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    public static bool IsSupported => OperatingSystem.IsLinux();

    public void Add(RtpSession session)
    {
        var fd = Descriptor(session.RtpSocket);
        _sessions[fd] = session;
        var registration = stackalloc byte[EventSize];
        BinaryPrimitives.WriteUInt32LittleEndian(new Span<byte>(registration, 4), EpollIn);
        BinaryPrimitives.WriteInt64LittleEndian(new Span<byte>(registration + DataOffset, 8), fd);
        if (EpollCtl(_epoll, EpollCtlAdd, (int)fd, registration) != 0)
        {
            _sessions.TryRemove(fd, out _);
            throw new SocketException(Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>Stops reading the session's socket; called before the socket is closed.</summary>
    public void Remove(RtpSession session)
    {
        var fd = Descriptor(session.RtpSocket);
        if (_sessions.TryRemove(fd, out _)) EpollCtl(_epoll, EpollCtlDel, (int)fd, null);
    }

    private static long Descriptor(Socket socket) => socket.SafeHandle.DangerousGetHandle().ToInt64();

    private void Run()
    {
        var events = new byte[EventSize * MaxEvents];
        var buffer = new byte[2048];
        while (!_stopping)
        {
            int ready;
            fixed (byte* pointer = events) ready = EpollWait(_epoll, pointer, MaxEvents, WaitMs);
            for (var i = 0; i < ready; i++)
            {
                var fd = BinaryPrimitives.ReadInt64LittleEndian(events.AsSpan(i * EventSize + DataOffset, 8));
                // A session removed after the wait returned is no longer in the map (its socket may already be closed).
                if (_sessions.TryGetValue(fd, out var session)) session.ReceiveAvailable(buffer);
            }
        }
    }

    public void Dispose()
    {
        _stopping = true;
        if (_thread != Thread.CurrentThread) _thread.Join(TimeSpan.FromSeconds(1));
        Close(_epoll);
    }

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    private static partial int EpollCreate1(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    private static partial int EpollCtl(int epoll, int operation, int fd, byte* registration);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    private static partial int EpollWait(int epoll, byte* events, int maxEvents, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
