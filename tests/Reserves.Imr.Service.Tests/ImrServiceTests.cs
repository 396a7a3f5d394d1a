using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Reserves.Contracts.Imr.V1;
using Reserves.Exhibits.Imr;
using Reserves.Investments.Imr;
using Reserves.ServiceHosting;
using Disposal = Reserves.Investments.Imr.Disposal;
using YearAmount = Reserves.Investments.Imr.YearAmount;

namespace Reserves.Imr.Service.Tests;

/// <summary>The real IMR service on Kestrel (loopback, free port).</summary>
public sealed class ImrServerFixture : IAsyncLifetime
{
    private WebApplication? _app;
    public GrpcChannel Channel { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _app = ImrServiceHost.Build(new GrpcHostOptions());
        await _app.StartAsync();
        Channel = GrpcChannel.ForAddress(GrpcServiceHost.Address(_app));
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }
}

public class ImrServiceTests(ImrServerFixture server) : IClassFixture<ImrServerFixture>
{
    private static readonly string Root = Actuarial.Tables.TableDirectoryLocator.RepositoryRoot(AppContext.BaseDirectory)!;
    private static readonly IReadOnlyList<Disposal> Disposals = DisposalCsvReader.ReadFile(Path.Combine(Root, "samples", "disposals.csv")).Records;
    private static readonly IReadOnlyList<YearAmount> Prior = YearAmountCsvReader.ReadFile(Path.Combine(Root, "samples", "imr-prior.csv")).Records;
    private static readonly IReadOnlyDictionary<int, GroupedAmortizationTable> TestTable =
        GroupedAmortizationTableReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "Data", "imr-grouped-test-2012.csv"));
    private ImrCalculator.ImrCalculatorClient Client => new(server.Channel);
    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static ComputeImrRequest Request(IEnumerable<Disposal> disposals, string date = "2012-12-31")
    {
        var request = new ComputeImrRequest { StatementDate = date, Method = Contracts.Imr.V1.AmortizationMethod.Seriatim };
        request.Disposals.AddRange(disposals.Select(ImrContractMapping.ToContract));
        request.Prior.AddRange(ImrContractMapping.ToContract(Prior));
        return request;
    }

    [Fact]
    public async Task ComputeImrEqualsTheLibraryExactly()
    {
        var response = await Client.ComputeImrAsync(Request(Disposals), cancellationToken: Cancel);
        var library = ImrReport.From(ImrRun.Run(Disposals, Prior, [], new ImrRunOptions(new DateOnly(2012, 12, 31))));
        Assert.Equal(ImrContractMapping.ToContract(library), response);
        Assert.Equal(library.Page.Select(p => p.Amount), ImrContractMapping.FromContract(response).Page.Select(p => p.Amount));
        Assert.Equal(31, response.Exhibit.Count);
        Assert.Equal(Investments.Imr.AmortizationMethod.Seriatim, ImrContractMapping.Method(response.MethodLock[2012]));
    }

    [Fact]
    public async Task RoutingAndSchedulesPerDisposal()
    {
        var route = new RouteDisposalsRequest();
        route.Disposals.AddRange(Disposals.Select(ImrContractMapping.ToContract));
        var routing = (await Client.RouteDisposalsAsync(route, cancellationToken: Cancel)).Routing;
        Assert.Equal(Disposals.Count + 1, routing.Count);     // one disposal splits off a credit loss
        Assert.Equal(Disposals.Sum(d => d.PreTaxGain), routing.Sum(r => decimal.Parse(r.PreTaxGain, System.Globalization.CultureInfo.InvariantCulture)));

        var schedules = new AmortizationSchedulesRequest { Method = Contracts.Imr.V1.AmortizationMethod.Seriatim };
        schedules.Disposals.AddRange(Disposals.Take(1).Select(ImrContractMapping.ToContract));
        var s = Assert.Single((await Client.AmortizationSchedulesAsync(schedules, cancellationToken: Cancel)).Schedules);
        Assert.Equal(107_450m, s.Years.Sum(y => decimal.Parse(y.PreTax, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task GroupedMethodNeedsTheTableOfTheYearOfSale()
    {
        var request = Request(Disposals);
        request.Method = Contracts.Imr.V1.AmortizationMethod.Grouped;
        request.GroupedTable.AddRange(ImrContractMapping.ToContract(TestTable));
        var grouped = await Client.ComputeImrAsync(request, cancellationToken: Cancel);
        Assert.All(grouped.Schedules, s => Assert.Equal("grouped", s.Method));

        request.GroupedTable.Clear();
        request.GroupedTable.AddRange(ImrContractMapping.ToContract(TestTable).Select(r => { r.SaleYear = 2011; return r; }));
        var e = await Assert.ThrowsAsync<RpcException>(() => Client.ComputeImrAsync(request, cancellationToken: Cancel).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Contains("year of sale 2012", e.Status.Detail);
    }

    [Fact]
    public async Task BadDisposalsAreInvalidArgumentsNamingTheField()
    {
        var request = Request(Disposals.Take(3));
        request.Disposals[1].DisposalDate = "2011-12-31";
        request.Disposals[2].CouponFrequency = 3;
        var e = await Assert.ThrowsAsync<RpcException>(() => Client.ComputeImrAsync(request, cancellationToken: Cancel).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal(["disposals[2].coupon_frequency"], e.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field));
        request.Disposals[2].CouponFrequency = 2;
        e = await Assert.ThrowsAsync<RpcException>(() => Client.ComputeImrAsync(request, cancellationToken: Cancel).ResponseAsync);
        Assert.Equal(["disposals[1].disposal_date"], e.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field));
    }

    [Fact]
    public async Task NegativeImrAdmissibilityEndsWithInt2301()
    {
        var request = new AssessNegativeImrRequest
        {
            NetImr = "-400000",
            StatementDate = "2026-12-31",
            Int2301 = new Contracts.Imr.V1.Int2301Conditions { AdjustedGeneralAccountCapitalAndSurplus = "5000000", CurrentUnadjustedCapitalAndSurplus = "3000000", RbcRatio = "4" },
        };
        Assert.Equal(300_000m, decimal.Parse((await Client.AssessNegativeImrAsync(request, cancellationToken: Cancel)).Admitted, System.Globalization.CultureInfo.InvariantCulture));
        request.StatementDate = "2027-03-31";
        var after = await Client.AssessNegativeImrAsync(request, cancellationToken: Cancel);
        Assert.Equal((0m, 400_000m), (decimal.Parse(after.Admitted), decimal.Parse(after.Nonadmitted)));
    }

    [Fact]
    public async Task HealthServiceReportsServing() =>
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving,
            (await new Health.HealthClient(server.Channel).CheckAsync(new HealthCheckRequest(), cancellationToken: Cancel)).Status);
}
