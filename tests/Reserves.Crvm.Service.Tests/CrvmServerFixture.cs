using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Reserves.Actuarial.Bases;
using Reserves.Actuarial.Policies;
using Reserves.Actuarial.Tables;
using Reserves.Crvm.Service;
using Reserves.ServiceHosting;

namespace Reserves.Crvm.Service.Tests;

/// <summary>The real CRVM service on Kestrel, loopback, a free port; and the bundled samples as test data.</summary>
public sealed class CrvmServerFixture : IAsyncLifetime
{
    public static readonly string RepositoryRoot =
        TableDirectoryLocator.RepositoryRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("repository root not found");
    public static readonly string TableDirectory =
        TableDirectoryLocator.Locate(null, Environment.GetEnvironmentVariable(TableDirectoryLocator.EnvironmentVariable), RepositoryRoot)
        ?? throw new InvalidOperationException("mortality tables not found: put the shared folder beside the repository or set RESERVES_TABLES");

    private WebApplication? _app;

    public GrpcChannel Channel { get; private set; } = null!;
    public string Address { get; private set; } = "";
    public IReadOnlyList<ValuationBasis> SampleBases { get; } = BasesJsonReader.ReadFile(Path.Combine(RepositoryRoot, "samples", "bases.json"));
    public IReadOnlyList<Policy> SamplePolicies { get; } = PolicyCsvReader.ReadFile(Path.Combine(RepositoryRoot, "samples", "policies.csv")).Records;

    public async ValueTask InitializeAsync()
    {
        _app = CrvmServiceHost.Build(new GrpcHostOptions(), TableDirectory);
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
