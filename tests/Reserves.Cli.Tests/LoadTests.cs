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
        // Exit 0 already means no error and every run done; the report must say so and measure what ran.
        Assert.Equal((0, 3), ((int)report["errors"]!, (int)report["runs_done"]!));
        var seconds = (double)report["seconds"]!;
        Assert.InRange((double)report["run_seconds_max"]!, 0.01, seconds);
        Assert.InRange((double)report["calls_per_second"]!, 60 / seconds, double.MaxValue);      // the calls ran within the whole
        // 20 CRVM calls of 1,000 policies each (the book has 5,000): 20,000 policies over the calls' time.
        Assert.InRange((double)report["crvm_policies_per_second"]!, 20_000 / seconds, double.MaxValue);
        Assert.InRange((double)report["latency_p50_milliseconds"]!, 0.01, seconds * 1000);
        Assert.InRange((long)report["peak_working_set_bytes"]!, 50L << 20, 8L << 30);
        TestContext.Current.SendDiagnosticMessage($"load: {report.ToJsonString()}");
    }
}
