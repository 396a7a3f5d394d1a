using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Reserves.ServiceHosting;

/// <summary>
/// The names the standard gRPC health service answers for, as Kubernetes probes ask them: "" (liveness and startup:
/// the process serves calls) and "ready" (readiness: the process can do its work, such as an orchestrator silo being
/// active in its cluster).
/// </summary>
public static class HealthServices
{
    public const string Live = "";
    public const string Ready = "ready";
}

/// <summary>What a service registers when being alive is not enough to take work.</summary>
public interface IReadiness
{
    Task<HealthCheckResult> CheckAsync(CancellationToken cancellationToken);
}

internal sealed class ReadinessCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        services.GetService<IReadiness>() is { } readiness ? readiness.CheckAsync(cancellationToken) : Task.FromResult(HealthCheckResult.Healthy());
}
