using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;
using Reserves.Orchestrator.Grains;
using Reserves.Orchestrator.Storage;
using Reserves.Tests.Shared;

namespace Reserves.Orchestrator.Tests;

/// <summary>
/// Cluster mode's PostgreSQL parts against a real server: the schema, the grain storage's optimistic concurrency and
/// the membership table's contract (atomic member + version updates that fail on a moved etag).
/// </summary>
public class PostgresClusterStoreTests
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    private static async Task<NpgsqlDataSource> DatabaseAsync(string purpose)
    {
        var dataSource = NpgsqlDataSource.Create(await TestPostgres.CreateDatabaseAsync(purpose));
        Assert.Equal(0, await ClusterDatabase.InitializeAsync(dataSource));
        Assert.Equal(ClusterDatabase.SchemaVersion, await ClusterDatabase.InitializeAsync(dataSource));   // idempotent
        return dataSource;
    }

    [Fact]
    public async Task SchemaInitializationIsSafeFromManyPodsAtOnce()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestPostgres.CreateDatabaseAsync("schema"));
        var before = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => ClusterDatabase.InitializeAsync(dataSource)));
        Assert.Equal(1, before.Count(v => v == 0));
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM reserves_schema");
        Assert.Equal(1L, await count.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task GrainStateIsWrittenOnceAndAStaleWriterIsRefused()
    {
        await using var dataSource = await DatabaseAsync("storage");
        var storage = RelationalGrainStorage.Postgres(dataSource, Serializer);
        var grain = GrainId.Create("run", "Acme/2012-12-31/r1");
        var first = new GrainState<RegistryState>(new RegistryState());
        first.State!.Runs.Add("r1", new RunEntry("Acme", "2012-12-31", "r1", "running", null));
        await storage.WriteStateAsync("registry", grain, first);
        Assert.Equal("1", first.ETag);

        var read = new GrainState<RegistryState>(new RegistryState());
        await storage.ReadStateAsync("registry", grain, read);
        Assert.True(read.RecordExists);
        Assert.Equal(new RunEntry("Acme", "2012-12-31", "r1", "running", null), read.State!.Runs["r1"]);

        // Two activations hold version 1; the first to write wins, the other is refused.
        read.State.Runs.Add("r2", new RunEntry("Acme", "2012-12-31", "r2", "done", "{}"));
        await storage.WriteStateAsync("registry", grain, read);
        Assert.Equal("2", read.ETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("registry", grain, first));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("registry", grain, new GrainState<RegistryState>(new RegistryState())));

        await storage.ClearStateAsync("registry", grain, read);
        var cleared = new GrainState<RegistryState>(new RegistryState());
        await storage.ReadStateAsync("registry", grain, cleared);
        Assert.False(cleared.RecordExists);
    }

    private static MembershipEntry Entry(int port, SiloStatus status = SiloStatus.Joining) => new()
    {
        SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 7),
        Status = status,
        HostName = "host",
        SiloName = $"silo-{port}",
        StartTime = DateTime.UtcNow,
        IAmAliveTime = DateTime.UtcNow,
        SuspectTimes = [],
    };

    [Fact]
    public async Task MembershipChangesAreAtomicAndFailOnAMovedEtag()
    {
        await using var dataSource = await DatabaseAsync("membership");
        var table = new PostgresMembershipTable(dataSource, "test-cluster", Serializer);
        await table.InitializeMembershipTable(true);
        await table.InitializeMembershipTable(true);
        var empty = await table.ReadAll();
        Assert.Empty(empty.Members);
        Assert.Equal(0, empty.Version.Version);

        var a = Entry(11111);
        Assert.True(await table.InsertRow(a, empty.Version.Next()));
        Assert.False(await table.InsertRow(a, empty.Version.Next()));                       // the version etag has moved
        var one = await table.ReadAll();
        Assert.Equal(1, one.Version.Version);
        Assert.False(await table.InsertRow(a, one.Version.Next()));                         // the silo is already there
        var (stored, etag) = one.Members.Single();
        Assert.Equal(a.SiloAddress, stored.SiloAddress);

        // Concurrent joins against the same version: exactly one wins.
        var joins = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => table.InsertRow(Entry(12000 + i), one.Version.Next())));
        Assert.Equal(1, joins.Count(j => j));
        var two = await table.ReadAll();
        Assert.Equal((2, 2), (two.Version.Version, two.Members.Count));

        stored.Status = SiloStatus.Active;
        Assert.False(await table.UpdateRow(stored, etag, one.Version.Next()));              // stale version etag: nothing changes
        Assert.Equal(SiloStatus.Joining, (await table.ReadRow(a.SiloAddress)).Members.Single().Item1.Status);
        Assert.False(await table.UpdateRow(stored, "999", two.Version.Next()));             // stale member etag
        Assert.True(await table.UpdateRow(stored, etag, two.Version.Next()));
        var row = await table.ReadRow(a.SiloAddress);
        Assert.Equal((SiloStatus.Active, 3), (row.Members.Single().Item1.Status, row.Version.Version));

        var alive = new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        stored.IAmAliveTime = alive;
        await table.UpdateIAmAlive(stored);
        row = await table.ReadRow(a.SiloAddress);
        Assert.Equal(alive, row.Members.Single().Item1.IAmAliveTime);
        Assert.Equal(3, row.Version.Version);                                               // i-am-alive leaves the version alone

        // Dead silos that stopped reporting long ago are cleaned up; the rest stay.
        var dead = two.Members.Single(m => !m.Item1.SiloAddress.Equals(a.SiloAddress));
        dead.Item1.Status = SiloStatus.Dead;
        dead.Item1.IAmAliveTime = DateTime.UtcNow.AddDays(-2);
        Assert.True(await table.UpdateRow(dead.Item1, dead.Item2, row.Version.Next()));
        await table.CleanupDefunctSiloEntries(DateTimeOffset.UtcNow.AddDays(-1));
        Assert.Equal([a.SiloAddress], (await table.ReadAll()).Members.Select(m => m.Item1.SiloAddress));

        await table.DeleteMembershipTableEntries("test-cluster");
        Assert.Empty((await table.ReadAll()).Members);
    }
}
