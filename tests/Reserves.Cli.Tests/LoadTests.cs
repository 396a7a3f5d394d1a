using System.Text.Json.Nodes;

namespace Reserves.Cli.Tests;

/// <summary>The bounded load test as CI runs it: concurrent runs and calculator calls on loopback, no errors allowed.</summary>
public class LoadTests
{
    [Fact]
    public async Task ConcurrentRunsAndCalculatorCallsAllSucceedAndTheReportSaysSo()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var r = await ReservesProcess.RunAsync(dir, "load", "--runs", "3", "--policies", "5000", "--calls", "60", "--concurrency", "8", "--json", "load.json");
        Assert.True(r.ExitCode == 0, r.Output + r.Error);
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "load.json")))!;
        Assert.Equal(0, (int)report["errors"]!);
        Assert.Equal(3, (int)report["runs_done"]!);
        Assert.Equal(60, (int)report["calls"]!);
        Assert.True((double)report["calls_per_second"]! > 0);
        Assert.True((double)report["latency_p99_milliseconds"]! >= (double)report["latency_p50_milliseconds"]!);
        Assert.InRange((long)report["peak_working_set_bytes"]!, 50L << 20, 8L << 30);
        TestContext.Current.SendDiagnosticMessage($"load: {report.ToJsonString()}");
    }
}
