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

    [Fact]
    public async Task ExternalShardsAreCheckedAcceptedOnceAndFinishTheRun()
    {
        await using var cluster = await EmbeddedCluster.StartAsync(Tables, Directory.CreateTempSubdirectory().FullName, Cancel);
        using var channel = ServiceChannels.Create(cluster.Address, cluster.Security);
        var client = new ValuationService.ValuationServiceClient(channel);
        var request = SampleRequest("Fan Out Life", "ext-1");
        request.Options.ExternalShards = 2;
        var unkeyed = await Assert.ThrowsAsync<RpcException>(() => client.StartRunAsync(request,
            cancellationToken: Cancel).ResponseAsync);
        Assert.Equal((StatusCode.InvalidArgument, "shard_secret"), (unkeyed.StatusCode,
            unkeyed.Status.Detail.Split(':')[0]));
        var secret = ShardSignature.NewSecret();
        request.ShardSecret = Google.Protobuf.ByteString.CopyFrom(secret);
        var started = await client.StartRunAsync(request, cancellationToken: Cancel);
        Assert.Equal(["life-shard-0000-of-0002", "life-shard-0001-of-0002", "investments"], started.Segments.Select(s => s.SegmentId));
        Assert.Equal([1_500, 1_500], started.Segments.Take(2).Select(s => s.Policies));

        var bases = Actuarial.Bases.BasesJsonReader.ReadFile(Sample("bases.json"));
        var policies = Actuarial.Policies.PolicyCsvReader.ReadFile(Sample("policies.csv")).Records;
        var valuation = new Actuarial.Reserves.BlockValuation(new Actuarial.Tables.TableLibrary(Tables));
        string Sha(string name) => Front.RunPlanner.Sha256(File.ReadAllBytes(Sample(name)));
        SubmitShardRequest Shard(int index)
        {
            var mine = policies.Where((_, r) => r % 2 == index).ToList();
            var submit = new SubmitShardRequest
            {
                Key = request.Key,
                ShardIndex = index,
                ShardCount = 2,
                Policies = mine.Count,
                PoliciesSha256 = Sha("policies.csv"),
                BasesSha256 = Sha("bases.json"),
                TablesSha256 = Front.RunPlanner.TablesSha256(bases, new Actuarial.Tables.TableLibrary(Tables)),
                SoftwareVersion = OrchestratorHost.SoftwareVersion,
            };
            submit.Sums.AddRange(Exhibits.LifeReserveExhibit.Totals(valuation.Value(mine, bases.ToDictionary(b => b.Id), new DateOnly(2012, 12, 31)))
                .Select(Crvm.Service.ContractMapping.ToContract));
            return submit;
        }
        async Task<StatusCode> Submit(SubmitShardRequest submit, byte[]? key = null)
        {
            ShardSignature.Sign(key ?? secret, submit);
            try { await client.SubmitShardAsync(submit, cancellationToken: Cancel); return StatusCode.OK; }
            catch (RpcException e) { return e.StatusCode; }
        }

        // A token holder without the shard secret: unsigned, or signed under a secret of its own, is refused first,
        // before any check that could tell it what the run expects.
        var unsigned = await Assert.ThrowsAsync<RpcException>(() => client.SubmitShardAsync(Shard(0),
            cancellationToken: Cancel).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, unsigned.StatusCode);
        var guessed = Shard(0);
        guessed.PoliciesSha256 = new string('0', 64);
        Assert.Equal(StatusCode.PermissionDenied, await Submit(guessed, ShardSignature.NewSecret()));
        var forgedOk = await Submit(Shard(0), ShardSignature.NewSecret());
        Assert.Equal(StatusCode.PermissionDenied, forgedOk);
        var otherPolicies = Shard(0);
        otherPolicies.PoliciesSha256 = new string('0', 64);
        var refusal = await Assert.ThrowsAsync<RpcException>(() =>
            client.SubmitShardAsync(ShardSignature.Sign(secret, otherPolicies),
                cancellationToken: Cancel).ResponseAsync);
        Assert.DoesNotContain(Sha("policies.csv"), refusal.Status.Detail);                // reveals no expected value

        var wrongCount = Shard(0);
        wrongCount.ShardCount = 3;
        Assert.Equal(StatusCode.FailedPrecondition, await Submit(wrongCount));
        var otherTables = Shard(0);
        otherTables.TablesSha256 = new string('0', 64);
        Assert.Equal(StatusCode.FailedPrecondition, await Submit(otherTables));
        var otherVersion = Shard(0);
        otherVersion.SoftwareVersion = "0.0.1";
        Assert.Equal(StatusCode.FailedPrecondition, await Submit(otherVersion));
        var unknownBasis = Shard(0);
        unknownBasis.Sums[0].BasisId = "no-such-basis";
        Assert.Equal(StatusCode.FailedPrecondition, await Submit(unknownBasis));
        var badAmount = Shard(0);
        badAmount.Sums[0].Reserve = "a lot";
        Assert.Equal(StatusCode.InvalidArgument, await Submit(badAmount));

        Assert.Equal(StatusCode.OK, await Submit(Shard(0)));
        Assert.Equal(StatusCode.OK, await Submit(Shard(0)));                               // a retried worker
        var changed = Shard(0);
        changed.Sums[0].Reserve = "1";
        Assert.Equal(StatusCode.AlreadyExists, await Submit(changed));
        Assert.Equal(StatusCode.OK, await Submit(Shard(1)));

        using var watch = client.WatchRun(request.Key, cancellationToken: Cancel);
        var last = (await watch.ResponseStream.ReadAllAsync(Cancel).ToListAsync(Cancel))[^1].Run;
        Assert.Equal("done", last.Status);
        var json = System.Text.Json.Nodes.JsonNode.Parse((await client.GetExhibitSetAsync(request.Key, cancellationToken: Cancel)).Json)!;
        var expected = Exhibits.LifeReserveExhibit.Build(bases, valuation.Value(policies, bases.ToDictionary(b => b.Id), new DateOnly(2012, 12, 31)));
        Assert.Equal(expected.Sum(l => l.Amount), json["life_reserves"]!.AsArray().Sum(l => (decimal)l!["amount"]!));
    }
}
