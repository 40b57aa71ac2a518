using System.Globalization;

namespace RevoVoice.Bench;

/// <summary>Prints a figure in the one format every benchmark uses: <c>BENCH area.name value unit</c>.</summary>
public static class BenchOutput
{
    public static void Figure(string area, string name, double value, string unit) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"BENCH {area}.{name} {value:0.###} {unit}"));
}
