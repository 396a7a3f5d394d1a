using BenchmarkDotNet.Attributes;
using Reserves.Actuarial.Reserves;
using Reserves.Exhibits;

namespace Reserves.Benchmarks;

/// <summary>Writing per-policy results: 20,000 rows of twelve columns to memory; one double as shortest round-trip text.</summary>
[MemoryDiagnoser]
public class OutputBenchmarks
{
    private PolicyReserve[] _rows = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _rows = Enumerable.Range(0, 20_000).Select(i => new PolicyReserve($"B{i:D8}", "80CSO-4-CRVM", 12, 2001, random.NextDouble() * 1000,
            random.NextDouble() * 1000, random.NextDouble() * 1e5, random.NextDouble() * 1e5, random.NextDouble() * 1e5, random.NextDouble() * 1e5,
            0, random.NextDouble() * 1e5)).ToArray();
    }

    [Benchmark(OperationsPerInvoke = 8)]
    public int ShortestDoubleRyu()
    {
        Span<byte> buffer = stackalloc byte[ShortestDouble.MaxLength];
        var total = 0;
        for (var i = 0; i < 8; i++)
        {
            ShortestDouble.TryFormat(_rows[i].MeanReserve, buffer, out var written);
            total += written;
        }
        return total;
    }

    [Benchmark(OperationsPerInvoke = 8)]
    public int ShortestDoubleDotNet()
    {
        Span<byte> buffer = stackalloc byte[ShortestDouble.MaxLength];
        var total = 0;
        for (var i = 0; i < 8; i++)
        {
            _rows[i].MeanReserve.TryFormat(buffer, out var written, "R", System.Globalization.CultureInfo.InvariantCulture);
            total += written;
        }
        return total;
    }

    [Benchmark(OperationsPerInvoke = 20_000)]
    public long PolicyRowsToCsv()
    {
        using var memory = new MemoryStream();
        CsvOutput.WritePolicyReserves(memory, _rows);
        return memory.Length;
    }
}
