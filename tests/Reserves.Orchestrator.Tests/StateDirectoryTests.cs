using Reserves.Orchestrator.Front;
using static Reserves.Orchestrator.Tests.ClusterFixture;

namespace Reserves.Orchestrator.Tests;

/// <summary>The state directory: one process at a time, readable by its owner only; uploads do not pile up.</summary>
public class StateDirectoryTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASecondClusterOnAStateDirectoryInUseIsRefusedNamingTheProcess()
    {
        var state = Directory.CreateTempSubdirectory().FullName;
        await using (var first = await EmbeddedCluster.StartAsync(Tables, state, Cancel))
        {
            using var channel = ServiceHosting.ServiceChannels.Create(first.Address, first.Security);
            await new Contracts.Valuation.V1.ValuationService.ValuationServiceClient(channel)
                .ListRunsAsync(new Contracts.Valuation.V1.ListRunsRequest(),
                    cancellationToken: Cancel);  // the grain state exists

            var e = await Assert.ThrowsAsync<StateDirectoryInUseException>(() => EmbeddedCluster.StartAsync(Tables,
                state, Cancel));
            Assert.Contains($"in use by process {Environment.ProcessId}", e.Message);
            Assert.DoesNotContain(Path.GetDirectoryName(state)!, e.Message);                   // no server path
            if (!OperatingSystem.IsWindows())
            {
                const UnixFileMode ownerOnly =
                    UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
                Assert.Equal(ownerOnly, File.GetUnixFileMode(state));
                Assert.Equal(ownerOnly, File.GetUnixFileMode(Path.Combine(state, "uploads")));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(state,
                    "grains.db")));
            }
        }
        // Released with the first cluster: the directory can be used again.
        await using var again = await EmbeddedCluster.StartAsync(Tables, state, Cancel);
    }

    [Fact]
    public void AnExistingDirectoryKeepsItsModeAndItsContentIsPrivate()
    {
        if (OperatingSystem.IsWindows()) return;
        var shared = Directory.CreateTempSubdirectory().FullName;
        const UnixFileMode open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(shared, open);
        using (StateDirectory.Acquire(shared))
        {
            Assert.Equal(open, File.GetUnixFileMode(shared));                         // --state . is not narrowed
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
                File.GetUnixFileMode(Path.Combine(shared, "uploads")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(shared,
                "lock.pid")));
        }
        File.SetUnixFileMode(shared, open | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);
        var e = Assert.Throws<IOException>(() => StateDirectory.Acquire(shared));
        Assert.Contains("writable by other users", e.Message);
    }

    [Fact]
    public void UploadsPastTheirRetentionAreSwept()
    {
        var uploads = Directory.CreateTempSubdirectory().FullName;
        var now = DateTimeOffset.UtcNow;
        string Make(string name, TimeSpan age)
        {
            var path = Path.Combine(uploads, name);
            File.WriteAllText(path, "x");
            File.SetLastWriteTimeUtc(path, (now - age).UtcDateTime);
            return path;
        }
        var fresh = Make(new string('a', 64), TimeSpan.FromHours(23));
        var old = Make(new string('b', 64), TimeSpan.FromHours(25));
        var partial = Make(".upload-1", TimeSpan.FromHours(2));
        var partialFresh = Make(".upload-2", TimeSpan.FromMinutes(10));
        Assert.Equal(2, UploadRetention.Sweep(uploads, now));
        Assert.True(File.Exists(fresh) && File.Exists(partialFresh));
        Assert.False(File.Exists(old) || File.Exists(partial));
    }
}
