using System.Text.Json.Nodes;
using Reserves.Orchestrator;
using Reserves.ServiceHosting;
using static Reserves.Cli.Tests.RunCommandTests;

namespace Reserves.Cli.Tests;

/// <summary>
/// The batch fan-out as real processes: a run started with --external-shards waits while `reserves worker` processes
/// (what the Indexed Job's pods run) value their shards and hand them back; the life exhibit equals the one of a run
/// valued inside the cluster. A shard sent twice is accepted once; a worker with another in-force file is refused.
/// </summary>
public class WorkerFanOutTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly Dictionary<string, string> Secured = new() { [EnvironmentNames.Tokens] = "fan-out", [EnvironmentNames.Token] = "fan-out" };

    [Fact]
    public async Task WorkersValueTheShardsAndTheRunEndsWithTheSameLifeExhibit()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        int crvm = OrchestratorHost.FreePort(), avr = OrchestratorHost.FreePort(), imr = OrchestratorHost.FreePort(), front = OrchestratorHost.FreePort();
        await using var crvmProcess = new LiveProcess(dir, Secured, "serve", "crvm", "--port", $"{crvm}");
        await using var avrProcess = new LiveProcess(dir, Secured, "serve", "avr", "--port", $"{avr}");
        await using var imrProcess = new LiveProcess(dir, Secured, "serve", "imr", "--port", $"{imr}");
        await using var orchestrator = new LiveProcess(dir, Secured, "serve", "orchestrator", "--port", $"{front}", "--crvm", $"http://127.0.0.1:{crvm}",
            "--avr", $"http://127.0.0.1:{avr}", "--imr", $"http://127.0.0.1:{imr}", "--state", "state",
            "--silo-port", "0", "--inputs-root", "/");
        foreach (var p in new[] { crvmProcess, avrProcess, imrProcess, orchestrator }) p.WaitFor("listening on", Minute);

        await using var run = new LiveProcess(dir, Secured, [.. RunArgs("fanned"), "--run-id", "fan-1",
            "--external-shards", "3",
            "--shard-secret-file", "shard.secret", "--server", $"http://127.0.0.1:{front}"]);
        Assert.Contains("4 segments", run.WaitFor("run fan-1", Minute));                 // three external shards and the investment segment

        var secret = File.ReadAllText(Path.Combine(dir, "shard.secret")).Trim();
        Assert.Equal(64, secret.Length);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir,
                "shard.secret")));
        await File.WriteAllTextAsync(Path.Combine(dir, "forged.secret"), new string('7', 64),
            TestContext.Current.CancellationToken);

        string[] Worker(int index, string policies, string secretFile = "shard.secret") =>
        [
            "worker", "--server", $"http://127.0.0.1:{front}", "--company", "Demo Life Insurance Company", "--valuation-date", "2012-12-31",
            "--run-id", "fan-1", "--policies", policies, "--bases", Sample("bases.json"), "--shard-index", $"{index}", "--shard-count", "3",
            "--shard-secret-file", secretFile,
        ];
        async Task<(int Code, string Text)> Work(int index, string policies, string secretFile = "shard.secret")
        {
            await using var worker = new LiveProcess(dir, Secured, Worker(index, policies, secretFile));
            var code = await worker.ExitCodeAsync(Minute);
            return (code, worker.Text);
        }

        var changed = Path.Combine(dir, "changed.csv");
        await File.WriteAllLinesAsync(changed, File.ReadAllLines(Sample("policies.csv")).SkipLast(1), TestContext.Current.CancellationToken);
        var refused = await Work(0, changed);
        Assert.NotEqual(0, refused.Code);
        Assert.Contains("another policies file", refused.Text);
        var policiesHash = Orchestrator.Front.RunPlanner.Sha256(File.ReadAllBytes(Sample("policies.csv")));
        Assert.DoesNotContain(policiesHash,
            refused.Text);                                // refusals reveal no expected value

        // A token holder without the run's shard secret cannot hand in a shard, however well it values it.
        var forged = await Work(0, Sample("policies.csv"), "forged.secret");
        Assert.NotEqual(0, forged.Code);
        Assert.Contains("not signed with the run's shard secret", forged.Text);
        Assert.DoesNotContain(policiesHash, forged.Text);

        foreach (var index in new[] { 2, 0, 1, 0 })                                        // shard 0 twice, as a retried pod would
        {
            var (code, text) = await Work(index, Sample("policies.csv"));
            Assert.True(code == 0, text);
            Assert.Contains($"shard {index} of 3: 1,000 policies valued", text);
        }
        Assert.True(await run.ExitCodeAsync(Minute) == 0, run.Text);

        var inCluster = await ReservesProcess.RunAsync(dir, [.. RunArgs("in-cluster"), "--embedded", "--state", "embedded"]);
        Assert.True(inCluster.ExitCode == 0, inCluster.Output + inCluster.Error);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "in-cluster", "life-reserves.csv")), File.ReadAllText(Path.Combine(dir, "fanned", "life-reserves.csv")));
        JsonNode Totals(string d) => JsonNode.Parse(File.ReadAllText(Path.Combine(dir, d, "exhibit-set.json")))!["summary"]!["totals"]!;
        Assert.Equal(Totals("in-cluster").ToJsonString(), Totals("fanned").ToJsonString());
    }
}
