using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Reserves.Contracts.Valuation.V1;
using Reserves.ServiceHosting;
using static Reserves.Orchestrator.Tests.ClusterFixture;

namespace Reserves.Orchestrator.Tests;

/// <summary>The ValuationService front door of the embedded default, over real gRPC.</summary>
public class FrontDoorTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartGetWatchListCancelAndRefuseAnotherRunUnderTheSameId()
    {
        await using var cluster = await EmbeddedCluster.StartAsync(Tables, Directory.CreateTempSubdirectory().FullName, Cancel);
        using var anonymous = GrpcChannel.ForAddress(cluster.Address);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving,
            (await new Health.HealthClient(anonymous).CheckAsync(new HealthCheckRequest(), cancellationToken: Cancel)).Status);
        var request = SampleRequest("Front Door Life", "fd-1");
        // Even on loopback the embedded services take only this process's token.
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            new ValuationService.ValuationServiceClient(anonymous).StartRunAsync(request, cancellationToken: Cancel).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);

        using var channel = ServiceChannels.Create(cluster.Address, cluster.Security);
        var client = new ValuationService.ValuationServiceClient(channel);

        var started = await client.StartRunAsync(request, cancellationToken: Cancel);
        Assert.Equal(11, started.Segments.Count);

        using var watch = client.WatchRun(request.Key, cancellationToken: Cancel);
        var events = await watch.ResponseStream.ReadAllAsync(Cancel).ToListAsync(Cancel);
        Assert.Equal("done", events[^1].Run.Status);
        Assert.Equal(3_000, events[^1].Run.PoliciesValued);

        var got = await client.GetRunAsync(request.Key, cancellationToken: Cancel);
        Assert.Equal(("done", 11), (got.Status, got.SegmentsDone));
        Assert.Contains((await client.ListRunsAsync(new ListRunsRequest { Company = "Front Door Life" }, cancellationToken: Cancel)).Runs, r => r.Key.RunId == "fd-1");
        Assert.Equal("done", (await client.CancelRunAsync(request.Key, cancellationToken: Cancel)).Status);
        Assert.Contains("\"life_reserves\"", (await client.GetExhibitSetAsync(request.Key, cancellationToken: Cancel)).Json);

        var other = SampleRequest("Front Door Life", "fd-1", shardSize: 100);
        var e = await Assert.ThrowsAsync<RpcException>(() => client.StartRunAsync(other, cancellationToken: Cancel).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, e.StatusCode);
        e = await Assert.ThrowsAsync<RpcException>(() => client.GetRunAsync(new RunKey { Company = "Nobody", ValuationDate = "2012-12-31", RunId = "x" }, cancellationToken: Cancel).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
    }
}
