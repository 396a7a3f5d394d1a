using Reserves.Orchestrator;
using Reserves.ServiceHosting;
using Reserves.Tests.Shared;
using static Reserves.Cli.Tests.RunCommandTests;

namespace Reserves.Cli.Tests;

/// <summary>
/// A 201,000-policy in-force, and its exhibit set from a clean embedded run: what every failure run must reproduce.
/// </summary>
public sealed class LargeRunFixture : IAsyncLifetime
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("reserves-failover-").FullName;
    public string Policies => Path.Combine(Directory, "policies.csv");
    public string Clean => Path.Combine(Directory, "clean");
    public const int ShardSize = 5_000;

    public async ValueTask InitializeAsync()
    {
        var sample = File.ReadAllLines(Sample("policies.csv"));
        var big = new List<string> { sample[0] };
        for (var copy = 0; copy < 67; copy++) big.AddRange(sample.Skip(1).Select(l => $"C{copy:D3}-{l}"));
        await File.WriteAllLinesAsync(Policies, big);
        var clean = await ReservesProcess.RunAsync(Directory, [.. RunArgs(Clean, Policies, ShardSize), "--embedded", "--state", "clean-state"]);
        if (clean.ExitCode != 0) throw new InvalidOperationException(clean.Output + clean.Error);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>
/// Cluster mode as real processes on loopback: orchestrator silos sharing a PostgreSQL database, calculators behind
/// bearer tokens, a 201,000-policy run in 46 segments. Losing a silo, a calculator instance, or the whole cluster in the
/// middle still ends with exactly the exhibit set of a clean run.
/// </summary>
public class ClusterFailureTests(LargeRunFixture large) : IClassFixture<LargeRunFixture>
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private const string Token = "cluster-test-token";
    private static readonly Dictionary<string, string> Secured = new()
    {
        [EnvironmentNames.Tokens] = Token,
        [EnvironmentNames.Token] = Token,
    };

    private sealed class Cluster(string directory, string postgres) : IAsyncDisposable
    {
        public readonly List<LiveProcess> Calculators = [];
        public readonly List<LiveProcess> Silos = [];
        public string Crvm = "", Avr = "", Imr = "";
        private readonly Dictionary<string, string> _siloEnvironment = ClusterCertificate.Write(directory, Secured);

        public LiveProcess Calculator(string kind, out string address)
        {
            var port = OrchestratorHost.FreePort();
            address = $"http://127.0.0.1:{port}";
            var process = new LiveProcess(directory, Secured, "serve", kind, "--port", $"{port}");
            Calculators.Add(process);
            return process;
        }

        public (LiveProcess Silo, string FrontDoor) Silo()
        {
            var port = OrchestratorHost.FreePort();
            var silo = new LiveProcess(directory, _siloEnvironment, "serve", "orchestrator", "--port", $"{port}",
                "--postgres", postgres,
                "--cluster-id", "failover", "--crvm", Crvm, "--avr", Avr, "--imr", Imr, "--state", $"silo-{port}",
                "--silo-port", $"{OrchestratorHost.FreePort()}", "--inputs-root", "/");
            Silos.Add(silo);
            return (silo, $"http://127.0.0.1:{port}");
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var p in Silos.Concat(Calculators)) await p.DisposeAsync();
        }
    }

    private async Task<Cluster> StartCalculatorsAsync(string directory, int crvmInstances)
    {
        var cluster = new Cluster(directory, await TestPostgres.CreateDatabaseAsync("failover"));
        var crvm = new List<string>();
        for (var i = 0; i < crvmInstances; i++)
        {
            cluster.Calculator("crvm", out var address);
            crvm.Add(address);
        }
        cluster.Crvm = string.Join(",", crvm);
        cluster.Calculator("avr", out cluster.Avr);
        cluster.Calculator("imr", out cluster.Imr);
        foreach (var p in cluster.Calculators) p.WaitFor("listening on", Minute);
        return cluster;
    }

    private string[] Run(string outDirectory, string frontDoor) => [.. RunArgs(outDirectory, large.Policies, LargeRunFixture.ShardSize), "--server", frontDoor];

    [Fact]
    public async Task LosingASiloAndACalculatorInstanceMidRunStillGivesTheExhibitsOfACleanRun()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        await using var cluster = await StartCalculatorsAsync(dir, crvmInstances: 2);
        var silos = Enumerable.Range(0, 3).Select(_ => cluster.Silo()).ToList();
        foreach (var (silo, _) in silos) silo.WaitFor("listening on", Minute);

        await using var client = new LiveProcess(dir, Secured, Run("out", silos[0].FrontDoor));
        client.WaitFor(" done ", 2 * Minute);
        silos[2].Silo.Kill();                    // a silo with segments in flight
        cluster.Calculators[1].Kill();           // the second CRVM instance
        Assert.True(await client.ExitCodeAsync(4 * Minute) == 0, client.Text);

        Assert.Equal(Timeless(large.Clean), Timeless(Path.Combine(dir, "out")));
        // Every segment of the plan finished, each counted once in the totals (equal to the clean run's).
        var planned = int.Parse(System.Text.RegularExpressions.Regex.Match(client.Text, @"(\d+) segments").Groups[1].Value);
        var done = client.Output.Where(l => l.StartsWith("segment ", StringComparison.Ordinal) && l.Contains(" done ")).Select(l => l.Split(' ')[1]).Distinct();
        Assert.Equal(planned, done.Count());
    }

    [Fact]
    public async Task AWholeClusterRestartedWithARunInFlightResumesFromPostgres()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        await using var cluster = await StartCalculatorsAsync(dir, crvmInstances: 1);
        var first = Enumerable.Range(0, 2).Select(_ => cluster.Silo()).ToList();
        foreach (var (silo, _) in first) silo.WaitFor("listening on", Minute);
        await using (var client = new LiveProcess(dir, Secured, Run("out", first[0].FrontDoor)))
        {
            client.WaitFor(" done ", 2 * Minute);
            foreach (var (silo, _) in first) silo.Kill();
            client.Kill();
        }
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));

        var second = Enumerable.Range(0, 2).Select(_ => cluster.Silo()).ToList();
        foreach (var (silo, _) in second) silo.WaitFor("listening on", Minute);
        await using var resumed = new LiveProcess(dir, Secured, Run("out", second[1].FrontDoor));
        Assert.True(await resumed.ExitCodeAsync(4 * Minute) == 0, resumed.Text);
        var reused = resumed.Output.SingleOrDefault(l => l.StartsWith("reused ", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException("no 'reused' line:\n" + resumed.Text);
        Assert.InRange(int.Parse(reused.Split(' ')[1]), 1, 45);
        Assert.Equal(Timeless(large.Clean), Timeless(Path.Combine(dir, "out")));
    }
}
