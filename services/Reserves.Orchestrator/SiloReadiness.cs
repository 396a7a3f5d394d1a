using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;
using Reserves.ServiceHosting;

namespace Reserves.Orchestrator;

/// <summary>An orchestrator takes work once its silo is active in the cluster's membership.</summary>
public sealed class SiloReadiness(IClusterMembershipService membership, ILocalSiloDetails silo) : IReadiness
{
    public Task<HealthCheckResult> CheckAsync(CancellationToken cancellationToken)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"silo {silo.SiloAddress} is {status}"));
    }
}
