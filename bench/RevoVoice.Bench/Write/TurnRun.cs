namespace RevoVoice.Bench.Write;

/// <summary>What one phase of the write benchmark measured; CPU figures are per turn.</summary>
internal sealed record TurnRun(long Turns, long Failures, TimeSpan Measured, double[] SortedLatenciesMs, double WriteCpuMs, double PostgresCpuMs, double ClientCpuMs,
    double[] P99BySecondMs)
{
    public double TurnsPerSecond => Turns / Measured.TotalSeconds;

    public double Percentile(double p) => PercentileOf(SortedLatenciesMs, p);

    public static double PercentileOf(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    public string Describe() =>
        $"{Turns:N0} turns in {Measured.TotalSeconds:0.0} s ({TurnsPerSecond:N0} turns/s), {Failures} failed; latency p50 {Percentile(0.50):0.0} ms, " +
        $"p95 {Percentile(0.95):0.0} ms, p99 {Percentile(0.99):0.0} ms, max {SortedLatenciesMs.LastOrDefault():0.0} ms";

    public string DescribeCpu() =>
        $"CPU per turn: write service {WriteCpuMs:0.000} ms, PostgreSQL backends {PostgresCpuMs:0.000} ms, benchmark client {ClientCpuMs:0.000} ms";
}
