using System.Text.Json.Nodes;
using Reserves.Orchestrator;

namespace Reserves.Cli.Tests;

public class RunCommandTests
{
    internal static string Sample(string name) => Path.Combine(ReservesProcess.Samples, name);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    internal static string[] RunArgs(string outDir, string? policies = null, int shardSize = 500) =>
    [
        "run", "--company", "Demo Life Insurance Company", "--valuation-date", "2012-12-31", "--policies", policies ?? Sample("policies.csv"),
        "--bases", Sample("bases.json"), "--holdings", Sample("holdings.csv"), "--disposals", Sample("disposals.csv"),
        "--prior-avr", Sample("avr-rollforward.json"), "--prior-imr", Sample("imr-prior.csv"), "--liability-gains", Sample("imr-liability-gains.csv"),
        "--shard-size", shardSize.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", outDir,
    ];

    /// <summary>The exhibit set without the run's clock times (which differ between two runs of the same inputs).</summary>
    internal static string Timeless(string directory)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "exhibit-set.json")))!;
        json["summary"]!.AsObject().Remove("started_at");
        json["summary"]!.AsObject().Remove("finished_at");
        return json.ToJsonString();
    }

    [Fact]
    public async Task DemoWritesTheWholeExhibitSet()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var r = await ReservesProcess.RunAsync(dir, "demo");
        Assert.True(r.ExitCode == 0, r.Output + r.Error);
        var out_ = Path.Combine(dir, "out");
        foreach (var file in new[] { "life-reserves.csv", "avr-default.csv", "avr-rollforward.csv", "imr-page.csv", "imr-exhibit.csv", "summary.csv",
                     "exhibit-set.json", "exhibits.xlsx", "report.html" })
            Assert.True(File.Exists(Path.Combine(out_, file)), file);
        Assert.StartsWith("0100001,58 CSO 4.00% Mod CRVM (issued 1975 to 1988),", File.ReadAllLines(Path.Combine(out_, "life-reserves.csv"))[1]);
        Assert.Contains("11 segments, 3,000 policies", r.Output);
        Assert.True(Directory.Exists(Path.Combine(dir, RunCommand_DefaultState)));
    }

    private const string RunCommand_DefaultState = ".reserves";

    [Fact]
    public async Task BadInputFailsTheRunBeforeAnySegmentStarts()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var holdings = File.ReadAllLines(Sample("holdings.csv"));
        holdings[5] = holdings[5].Replace(",bond,1,false,", ",bond,1.A,false,");
        File.WriteAllLines(Path.Combine(dir, "holdings.csv"), holdings);
        var args = RunArgs("out");
        args[Array.IndexOf(args, "--holdings") + 1] = Path.Combine(dir, "holdings.csv");
        var r = await ReservesProcess.RunAsync(dir, [.. args, "--embedded"]);
        Assert.True(r.ExitCode == 2, r.Output + r.Error);
        Assert.Contains("holdings.csv:6:3 (naic_designation): designation '1.A' is not in the 2012 factor set's structure", r.Error);
        Assert.Contains("the run was not started", r.Error);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }

    [Fact]
    public async Task ServicesAsRealProcessesGiveTheSameExhibitSetAsTheEmbeddedDefault()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        int crvm = OrchestratorHost.FreePort(), avr = OrchestratorHost.FreePort(), imr = OrchestratorHost.FreePort(), front = OrchestratorHost.FreePort();
        await using var crvmProcess = new LiveProcess(dir, "serve", "crvm", "--port", $"{crvm}");
        await using var avrProcess = new LiveProcess(dir, "serve", "avr", "--port", $"{avr}");
        await using var imrProcess = new LiveProcess(dir, "serve", "imr", "--port", $"{imr}");
        await using var orchestrator = new LiveProcess(dir, "serve", "orchestrator", "--port", $"{front}", "--crvm", $"http://127.0.0.1:{crvm}",
            "--avr", $"http://127.0.0.1:{avr}", "--imr", $"http://127.0.0.1:{imr}", "--state", "cluster-state",
            "--silo-port", "0", "--inputs-root", "/");
        foreach (var p in new[] { crvmProcess, avrProcess, imrProcess, orchestrator }) p.WaitFor("listening on", Minute);

        var remote = await ReservesProcess.RunAsync(dir, [.. RunArgs("remote"), "--server", $"http://127.0.0.1:{front}", "--upload"]);
        Assert.True(remote.ExitCode == 0, remote.Output + remote.Error);
        var local = await ReservesProcess.RunAsync(dir, [.. RunArgs("local"), "--embedded", "--state", "embedded-state"]);
        Assert.True(local.ExitCode == 0, local.Output + local.Error);

        Assert.Equal(Timeless(Path.Combine(dir, "local")), Timeless(Path.Combine(dir, "remote")));
        foreach (var file in new[] { "life-reserves.csv", "avr-default.csv", "avr-rollforward.csv", "imr-page.csv", "imr-exhibit.csv", "imr-routing.csv" })
            Assert.Equal(File.ReadAllText(Path.Combine(dir, "local", file)), File.ReadAllText(Path.Combine(dir, "remote", file)));

        // The same run id again on the cluster returns the stored run: never run twice.
        var again = await ReservesProcess.RunAsync(dir, [.. RunArgs("again"), "--server", $"http://127.0.0.1:{front}"]);
        Assert.True(again.ExitCode == 0, again.Output + again.Error);
        Assert.Contains("(done)", again.Output);
        Assert.DoesNotContain("segment life", again.Output);
    }

    [Fact]
    public async Task KillingTheEmbeddedProcessMidRunAndStartingAgainFinishesWithoutRecomputingFinishedSegments()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var sample = File.ReadAllLines(Sample("policies.csv"));
        var big = new List<string> { sample[0] };
        // 300,000 policies in 60 shards of 5,000: long enough (several seconds on 2 cores) for the kill to land mid-run.
        for (var copy = 0; copy < 100; copy++) big.AddRange(sample.Skip(1).Select(l => $"C{copy:D3}-{l}"));
        File.WriteAllLines(Path.Combine(dir, "policies.csv"), big);
        var args = RunArgs("out", Path.Combine(dir, "policies.csv"), shardSize: 5_000);

        await using (var first = new LiveProcess(dir, [.. args, "--embedded", "--state", "state"]))
        {
            first.WaitFor(" done ", Minute);
            first.Kill();
        }
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));

        var resumed = await ReservesProcess.RunAsync(dir, [.. args, "--embedded", "--state", "state"]);
        Assert.True(resumed.ExitCode == 0, resumed.Output + resumed.Error);
        var reusedLine = resumed.Output.Split('\n').SingleOrDefault(l => l.StartsWith("reused ", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException("no 'reused' line:\n" + resumed.Output);
        var reused = int.Parse(reusedLine.Split(' ')[1]);
        Assert.InRange(reused, 1, 60);                                                  // 60 life segments and the investment segment
        Assert.Contains(resumed.Output.Split('\n'), l => l.StartsWith("segment ", StringComparison.Ordinal) && !l.Contains("(reused)"));

        var clean = await ReservesProcess.RunAsync(dir, [.. args[..^2], "--out", "clean", "--embedded", "--state", "clean-state"]);
        Assert.True(clean.ExitCode == 0, clean.Output + clean.Error);
        Assert.Equal(Timeless(Path.Combine(dir, "clean")), Timeless(Path.Combine(dir, "out")));
    }
}
