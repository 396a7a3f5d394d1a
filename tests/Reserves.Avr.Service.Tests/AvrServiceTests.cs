using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Reserves.Contracts.Avr.V1;
using Reserves.Investments.Avr;
using AvrCalculator = Reserves.Contracts.Avr.V1.AvrCalculator;
using Holding = Reserves.Investments.Avr.Holding;
using Reserves.ServiceHosting;

namespace Reserves.Avr.Service.Tests;

/// <summary>The real AVR service on Kestrel (loopback, free port).</summary>
public sealed class AvrServerFixture : IAsyncLifetime
{
    private WebApplication? _app;
    public GrpcChannel Channel { get; private set; } = null!;
    public string Address { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        _app = AvrServiceHost.Build(new GrpcHostOptions());
        await _app.StartAsync();
        Address = GrpcServiceHost.Address(_app);
        Channel = GrpcChannel.ForAddress(Address);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }
}

public class AvrServiceTests(AvrServerFixture server) : IClassFixture<AvrServerFixture>
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "Data");
    private static readonly IReadOnlyList<Holding> SeedHoldings = HoldingCsvReader.ReadFile(Path.Combine(Data, "holdings-2012-seed.csv")).Records;
    private AvrCalculator.AvrCalculatorClient Client => new(server.Channel);
    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static ComputeComponentsRequest Request(IEnumerable<Holding> holdings, int year = 2012, string json = "", string eaf = "")
    {
        var request = new ComputeComponentsRequest { Factors = new FactorSetChoice { StatementYear = year, FactorSetJson = json }, Eaf = eaf };
        request.Holdings.AddRange(holdings.Select(AvrContractMapping.ToContract));
        return request;
    }

    [Fact]
    public async Task ComponentsEqualTheLibraryExactly()
    {
        var response = await Client.ComputeComponentsAsync(Request(SeedHoldings), cancellationToken: Cancel);
        var library = Investments.Avr.AvrCalculator.Compute(SeedHoldings, AvrFactorSetReader.Shipped(2012)!);
        Assert.Equal(AvrContractMapping.ToContract(library), response);
        var line2 = response.DefaultComponent.Single(l => l.Line == "2");
        Assert.Equal(("518777764", "0.0004", "207511.1056"), (line2.Balance, line2.BcFactor, line2.BasicContribution));
        Assert.Empty(response.EquityComponent);
    }

    [Fact]
    public async Task RollForwardEqualsTheLibraryExactly()
    {
        var request = new ComputeRollForwardRequest { Components = Request(SeedHoldings) };
        request.Inputs["default_other"] = new RollForwardInput { PriorReserve = "3000000", RealizedGeneral = "-125000.50" };
        request.Inputs["default_mortgage"] = new RollForwardInput { PriorReserve = "-20000" };
        var response = await Client.ComputeRollForwardAsync(request, cancellationToken: Cancel);
        var components = Investments.Avr.AvrCalculator.Compute(SeedHoldings, AvrFactorSetReader.Shipped(2012)!);
        var library = AvrRollForward.Compute(components, new Dictionary<AvrSubComponent, AvrRollForwardInput>
        {
            [AvrSubComponent.DefaultOther] = new(3_000_000, -125_000.50m),
            [AvrSubComponent.DefaultMortgage] = new(-20_000),
        });
        Assert.Equal(AvrContractMapping.ToContract(library), response.Lines);
        Assert.Equal(16, response.Lines.Count);
    }

    [Fact]
    public async Task AGivenFactorSetIsUsedForItsYear()
    {
        var json = await File.ReadAllTextAsync(Path.Combine(Data, "avr-test-2024-twenty.json"), Cancel);
        var holding = new Holding("X", AssetType.Bond, "1.A", false, "", "", 1_000_000, 0, 0);
        var response = await Client.ComputeComponentsAsync(Request([holding], 2024, json), cancellationToken: Cancel);
        Assert.Equal("twenty", response.FactorSet.DesignationStructure);
        Assert.Equal(250m, decimal.Parse(response.DefaultComponent.Single(l => l.Line == "2.1").BasicContribution, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task BadHoldingsAreInvalidArgumentsNamingTheField()
    {
        var request = Request(SeedHoldings.Take(3));
        request.Holdings[2].NaicDesignation = "1.A";
        request.Holdings[1].Bacv = "12,5";
        var e = await Assert.ThrowsAsync<RpcException>(() => Client.ComputeComponentsAsync(request, cancellationToken: Cancel).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal(["holdings[1].bacv"], e.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field));

        request.Holdings[1].Bacv = "12.5";
        e = await Assert.ThrowsAsync<RpcException>(() => Client.ComputeComponentsAsync(request, cancellationToken: Cancel).ResponseAsync);
        Assert.Equal(["holdings[2].naic_designation"], e.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field));
    }

    [Fact]
    public async Task AYearWithoutFactorsIsAFailedPreconditionNamingIt()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => Client.ComputeComponentsAsync(Request(SeedHoldings, 2019), cancellationToken: Cancel).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Contains("2019", e.Status.Detail);

        var stock = new Holding("S", AssetType.CommonStock, "", false, "", "", 1000, 0, 0);
        e = await Assert.ThrowsAsync<RpcException>(() => Client.ComputeComponentsAsync(Request([stock]), cancellationToken: Cancel).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Contains("2012", e.Status.Detail);
        Assert.Contains("common_stock", e.Status.Detail);
    }

    [Fact]
    public async Task DescribeFactorSetListsTheShippedLines()
    {
        var d = await Client.DescribeFactorSetAsync(new DescribeFactorSetRequest { Factors = new FactorSetChoice { StatementYear = 2012 } }, cancellationToken: Cancel);
        Assert.Equal(53, d.Lines.Count);
        Assert.Equal([2012], d.ShippedYears);
        Assert.Contains("MML Bay State", d.FactorSet.Source);
        Assert.Equal(("0.0004", "0.0023", "0.0030"), (d.Lines[1].BcFactor, d.Lines[1].RoFactor, d.Lines[1].MaxFactor));
    }

    [Fact]
    public async Task HealthServiceReportsServing() =>
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving,
            (await new Health.HealthClient(server.Channel).CheckAsync(new HealthCheckRequest(), cancellationToken: Cancel)).Status);

    [Fact]
    public async Task OneLimitForEveryCallTheMessageSizeNotKestrelsBodySize()
    {
        // Above Kestrel's 30,000,000-byte body default, below the 64 MiB message limit: served.
        var bond = SeedHoldings[0];
        var large = Request(Enumerable.Range(0, 900_000).Select(i => bond with { AssetId = $"H{i:D7}" }));
        Assert.InRange(large.CalculateSize(), 31_000_000, GrpcServiceHost.MaxMessageBytes - 1);
        using var generous = GrpcChannel.ForAddress(server.Address,
            new GrpcChannelOptions
            {
                MaxSendMessageSize = 256 * 1024 * 1024,
                MaxReceiveMessageSize = 256 * 1024 * 1024
            });
        var client = new AvrCalculator.AvrCalculatorClient(generous);
        var served = await client.ComputeComponentsAsync(large, cancellationToken: Cancel);
        Assert.NotEmpty(served.DefaultComponent);

        // Above the message limit: RESOURCE_EXHAUSTED, not UNKNOWN.
        var tooLarge = Request(Enumerable.Range(0, 1_900_000).Select(i => bond with { AssetId = $"H{i:D7}" }));
        Assert.True(tooLarge.CalculateSize() > GrpcServiceHost.MaxMessageBytes);
        var e = await Assert.ThrowsAsync<RpcException>(() => client.ComputeComponentsAsync(tooLarge,
            cancellationToken: Cancel).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
    }
}
