namespace RevoVoice.Media.Tests.Speech;

/// <summary>What the process holds according to the kernel (/proc), native allocations included.</summary>
internal sealed record ProcessResources(long ResidentBytes, int OpenFiles, int Threads)
{
    public static ProcessResources Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var status = File.ReadAllLines("/proc/self/status");
        long Field(string name) => long.Parse(status.Single(l => l.StartsWith(name + ":", StringComparison.Ordinal))
            .Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1]);
        return new ProcessResources(Field("VmRSS") * 1024, Directory.GetFileSystemEntries("/proc/self/fd").Length, (int)Field("Threads"));
    }

    public override string ToString() => $"RSS {ResidentBytes / (1 << 20)} MB, {OpenFiles} open files, {Threads} threads";
}
