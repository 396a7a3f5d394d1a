using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using Reserves.Actuarial.Reserves;
using Reserves.Actuarial.Tables;
using Reserves.Contracts.Crvm.V1;
using Domain = Reserves.Actuarial;

namespace Reserves.Crvm.Service.Tests;

public class CrvmServiceTests(CrvmServerFixture server) : IClassFixture<CrvmServerFixture>
{
    private const string Date = "2012-12-31";
    private CrvmCalculator.CrvmCalculatorClient Client => new(server.Channel);
    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Domain.Reserves.PolicyReserve[] Library(IReadOnlyList<Domain.Policies.Policy> policies) =>
        new BlockValuation(new TableLibrary(CrvmServerFixture.TableDirectory))
            .Value(policies, server.SampleBases.ToDictionary(b => b.Id), DateOnly.Parse(Date));

    private ValueBlockRequest Request(IEnumerable<Domain.Policies.Policy> policies)
    {
        var request = new ValueBlockRequest { ValuationDate = Date };
        request.Bases.AddRange(server.SampleBases.Select(ContractMapping.ToContract));
        request.Policies.AddRange(policies.Select(ContractMapping.ToContract));
        return request;
    }

    /// <summary>Sends the header and the policies in batches, then completes the request stream.</summary>
    private async Task<AsyncDuplexStreamingCall<ValueStreamRequest, PolicyReserveBatch>> StreamAsync(IEnumerable<Policy> policies, int batchSize,
        bool sumsOnly = false)
    {
        var call = Client.ValueStream(cancellationToken: Cancel);
        var header = new ValueStreamHeader { ValuationDate = Date, SumsOnly = sumsOnly };
        header.Bases.AddRange(server.SampleBases.Select(ContractMapping.ToContract));
        await call.RequestStream.WriteAsync(new ValueStreamRequest { Header = header }, Cancel);
        foreach (var chunk in policies.Chunk(batchSize))
        {
            var batch = new PolicyBatch();
            batch.Policies.AddRange(chunk);
            await call.RequestStream.WriteAsync(new ValueStreamRequest { Batch = batch }, Cancel);
        }
        await call.RequestStream.CompleteAsync();
        return call;
    }

    [Fact]
    public async Task UnaryValuationEqualsTheLibraryExactly()
    {
        var response = await Client.ValueBlockAsync(Request(server.SamplePolicies), cancellationToken: Cancel);
        Assert.Equal(Library(server.SamplePolicies), response.Reserves.Select(ContractMapping.FromContract).ToArray());
    }

    [Fact]
    public async Task SumsOnlyStreamingGivesEachBatchsExhibitSumsExactly()
    {
        using var call = await StreamAsync(server.SamplePolicies.Select(ContractMapping.ToContract), 700, sumsOnly: true);
        var batches = await call.ResponseStream.ReadAllAsync(Cancel).ToListAsync(Cancel);
        Assert.Equal(5, batches.Count);
        Assert.All(batches, b => Assert.Empty(b.Reserves));
        foreach (var batch in batches)
        {
            var expected = Exhibits.LifeReserveExhibit.Totals(Library(server.SamplePolicies.Skip(700 * batch.BatchIndex).Take(700).ToList()));
            Assert.Equal(expected, batch.Sums.Select(ContractMapping.FromContract).ToList());
        }
        Assert.Equal(server.SamplePolicies.Count, batches.SelectMany(b => b.Sums).Sum(s => s.Policies));
    }

    [Fact]
    public async Task StreamingValuationEqualsTheLibraryExactlyBatchByBatch()
    {
        using var call = await StreamAsync(server.SamplePolicies.Select(ContractMapping.ToContract), 700);
        var batches = await call.ResponseStream.ReadAllAsync(Cancel).ToListAsync(Cancel);
        Assert.Equal([0, 1, 2, 3, 4], batches.Select(b => b.BatchIndex));
        Assert.Equal(Library(server.SamplePolicies), batches.SelectMany(b => b.Reserves).Select(ContractMapping.FromContract).ToArray());
    }

    [Fact]
    public async Task BadPolicyFieldsComeBackAsInvalidArgumentWithFieldViolations()
    {
        var request = Request(server.SamplePolicies.Take(3));
        request.Policies[1].FaceAmount = -5;
        request.Policies[2].Plan = "UL";
        var e = await Assert.ThrowsAsync<RpcException>(() => Client.ValueBlockAsync(request, cancellationToken: Cancel).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        var violations = e.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations;
        Assert.Equal(["policies[1].face_amount", "policies[2].plan"], violations.Select(v => v.Field));
    }

    [Fact]
    public async Task ValuationErrorsInAStreamCarryTheGlobalPolicyIndex()
    {
        var policies = server.SamplePolicies.Take(20).Select(ContractMapping.ToContract).ToList();
        policies[13].Basis = "NO-SUCH-BASIS";
        using var call = await StreamAsync(policies, 10);
        var e = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.ReadAllAsync(Cancel).ToListAsync(Cancel));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal("policies[13].basis", Assert.Single(e.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);
    }

    [Fact]
    public async Task AStreamMustStartWithItsHeader()
    {
        using var call = Client.ValueStream(cancellationToken: Cancel);
        await call.RequestStream.WriteAsync(new ValueStreamRequest { Batch = new PolicyBatch() }, Cancel);
        await call.RequestStream.CompleteAsync();
        var e = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.ReadAllAsync(Cancel).ToListAsync(Cancel));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("header", e.Status.Detail);
    }

    [Fact]
    public async Task BadBasisAndDateAreInvalidArguments()
    {
        var request = Request(server.SamplePolicies.Take(1));
        request.ValuationDate = "2025-13-01";
        var e = await Assert.ThrowsAsync<RpcException>(() => Client.ValueBlockAsync(request, cancellationToken: Cancel).ResponseAsync);
        Assert.Equal("valuation_date", Assert.Single(e.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);

        request = Request(server.SamplePolicies.Take(1));
        request.Bases[2].Interest = 5;
        request.Bases[3].Method = ReserveMethod.Unspecified;
        e = await Assert.ThrowsAsync<RpcException>(() => Client.ValueBlockAsync(request, cancellationToken: Cancel).ResponseAsync);
        Assert.Equal(["bases[2].interest", "bases[3].method"], e.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field));
    }

    [Fact]
    public async Task AMissingTableIsAFailedPreconditionNamingIt()
    {
        var request = Request(server.SamplePolicies.Take(1));
        request.Bases[0].Mortality["M"] = "soa:99999";
        request.Bases[0].Mortality["F"] = "soa:99999";
        var e = await Assert.ThrowsAsync<RpcException>(() => Client.ValueBlockAsync(request, cancellationToken: Cancel).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Equal("soa:99999", Assert.Single(e.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations).Subject);
    }

    [Fact]
    public async Task DescribeBasisResolvesTablesAndSampleNetPremiums()
    {
        var basis = new ValuationBasis { Id = "X", Method = ReserveMethod.Crvm, Interest = 0.04, Mortality = { ["M"] = "soa:42", ["F-NS"] = "soa:1140" } };
        var d = await Client.DescribeBasisAsync(new DescribeBasisRequest { Basis = basis, SampleIssueAges = { 35 } }, cancellationToken: Cancel);
        Assert.Equal(["F-NS", "M"], d.Mortality.Select(m => m.Key));
        var male = d.Mortality.Single(m => m.Key == "M").Table;
        Assert.Equal(("ANB", 0, 99, 0), (male.AgeBasis, male.MinAge, male.MaxAge, male.SelectPeriod));
        Assert.Equal(25, d.Mortality.Single(m => m.Key == "F-NS").Table.SelectPeriod);
        Assert.Equal(13.17335, d.SamplePremiums.Single(p => p.Key == "M").BetaPer1000, 5);   // domain.md 1.3
        Assert.Equal("X", d.Basis.Label);
    }

    [Fact]
    public async Task ListTablesShowsLoadedAndAvailableTables()
    {
        await Client.ValueBlockAsync(Request(server.SamplePolicies.Take(5)), cancellationToken: Cancel);
        var list = await Client.ListTablesAsync(new ListTablesRequest { IncludeAvailable = true }, cancellationToken: Cancel);
        Assert.Equal(CrvmServerFixture.TableDirectory, list.TableDirectory);
        Assert.Contains(list.Loaded, t => t.Reference == "csv:1958-cso.csv#cso-male-anb");
        Assert.Contains("soa:1136", list.Available);
        Assert.Contains("sult", list.Available);
    }

    [Fact]
    public async Task HealthServiceReportsServing()
    {
        var health = new Health.HealthClient(server.Channel);
        var reply = await health.CheckAsync(new HealthCheckRequest(), cancellationToken: Cancel);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task ReflectionListsTheCalculatorAndHealthServices()
    {
        var reflection = new ServerReflection.ServerReflectionClient(server.Channel);
        using var call = reflection.ServerReflectionInfo(cancellationToken: Cancel);
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" }, Cancel);
        await call.RequestStream.CompleteAsync();
        var services = (await call.ResponseStream.ReadAllAsync(Cancel).ToListAsync(Cancel))
            .SelectMany(r => r.ListServicesResponse.Service).Select(s => s.Name).ToList();
        Assert.Contains("reserves.crvm.v1.CrvmCalculator", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }
}
