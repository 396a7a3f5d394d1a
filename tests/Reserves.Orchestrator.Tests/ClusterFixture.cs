using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Reserves.Actuarial.Reserves;
using Reserves.Actuarial.Tables;
using Reserves.Avr.Service;
using Reserves.Contracts.Valuation.V1;
using Reserves.Crvm.Service;
using Reserves.Imr.Service;
using Reserves.Orchestrator.Front;
using Reserves.Orchestrator.Grains;
using Reserves.ServiceHosting;

namespace Reserves.Orchestrator.Tests;

/// <summary>
/// An in-process Orleans test cluster (two silos) whose grains keep state in a SQLite file and call the real
/// calculator services on loopback; plus a run planner like the front door's.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly string Root = TableDirectoryLocator.RepositoryRoot(AppContext.BaseDirectory)!;
    public static readonly string Tables = TableDirectoryLocator.Locate(null, Environment.GetEnvironmentVariable(TableDirectoryLocator.EnvironmentVariable), Root)
        ?? throw new InvalidOperationException("mortality tables not found");
    public static string Sample(string name) => Path.Combine(Root, "samples", name);

    private readonly List<WebApplication> _calculators = [];
    private readonly string _state = Directory.CreateTempSubdirectory("reserves-cluster-").FullName;

    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Client;
    public RunPlanner Planner { get; private set; } = null!;
    public CalculatorEndpoints Calculators { get; private set; } = null!;
    /// <summary>A CRVM service without mortality tables: every life segment sent to it fails.</summary>
    public string TablelessCrvm { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var crvm = GrpcServiceHost.Build(new GrpcHostOptions(),
            services => services.AddSingleton(new BlockValuation(new TableLibrary(Tables))),
            app => app.MapGrpcService<DelayingCrvmService>());
        var avr = AvrServiceHost.Build(new GrpcHostOptions());
        var imr = ImrServiceHost.Build(new GrpcHostOptions());
        var tableless = CrvmServiceHost.Build(new GrpcHostOptions(), null);
        _calculators.AddRange([crvm, avr, imr, tableless]);
        foreach (var app in _calculators) await app.StartAsync();
        Calculators = new CalculatorEndpoints(GrpcServiceHost.Address(crvm), GrpcServiceHost.Address(avr), GrpcServiceHost.Address(imr));
        TablelessCrvm = GrpcServiceHost.Address(tableless);
        Planner = new RunPlanner(new TableLibrary(Tables), Path.Combine(_state, "uploads"), InputPaths.AnyPath);

        var calculators = Calculators;
        var database = Path.Combine(_state, "grains.db");
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(new CalculatorClients(calculators));
            OrchestratorHost.AddStorage(silo.Services, database);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        foreach (var app in _calculators) await app.DisposeAsync();
    }

    /// <summary>Plans a run as the front door does, prepares its segments and starts it.</summary>
    public async Task<(IRunGrain Run, RunPlanner.Planned Planned)> StartRunAsync(StartRunRequest request)
    {
        var planned = Planner.Plan(request);
        var key = RunGrain.Key(planned.Plan.Company, planned.Plan.ValuationDate, planned.Plan.RunId);
        foreach (var inputs in planned.Segments)
            await Grains.GetGrain<ISegmentGrain>(SegmentKeys.Of(key, planned.Plan.Fingerprint, inputs.Plan.SegmentId)).Prepare(inputs);
        var run = Grains.GetGrain<IRunGrain>(key);
        await run.Start(planned.Plan);
        return (run, planned);
    }

    public static async Task<RunView> UntilFinalAsync(IRunGrain run)
    {
        for (var i = 0; i < 600; i++)
        {
            var view = await run.Get();
            if (Statuses.IsFinal(view.Status)) return view;
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException("the run did not finish in 60 s");
    }

    public static StartRunRequest SampleRequest(string company, string runId, string date = "2012-12-31", int shardSize = 500, string? disposals = null)
    {
        InputFile F(string name) => new() { Path = Sample(name), Name = name };
        return new StartRunRequest
        {
            Key = new RunKey { Company = company, ValuationDate = date, RunId = runId },
            Policies = F("policies.csv"),
            Bases = F("bases.json"),
            Holdings = F("holdings.csv"),
            Disposals = disposals is null ? F("disposals.csv") : new InputFile { Path = disposals, Name = Path.GetFileName(disposals) },
            PriorAvr = F("avr-rollforward.json"),
            PriorImr = F("imr-prior.csv"),
            LiabilityGains = F("imr-liability-gains.csv"),
            Options = new RunOptions { ShardSize = shardSize },
        };
    }
}
