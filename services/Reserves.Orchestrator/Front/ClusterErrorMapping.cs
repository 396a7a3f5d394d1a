using Grpc.Core;
using Reserves.ServiceHosting;

namespace Reserves.Orchestrator.Front;

/// <summary>
/// A grain on a silo that was just lost cannot answer until the cluster declares the silo dead and the grain is
/// activated elsewhere (seconds): the caller gets UNAVAILABLE, which clients retry, rather than UNKNOWN.
/// </summary>
public sealed class ClusterErrorMapping : IErrorMapping
{
    public RpcException? Map(Exception e) => IsTransient(e)
        ? new RpcException(new Status(StatusCode.Unavailable, "the cluster is recovering from a lost silo; retry shortly"))
        : null;

    public static bool IsTransient(Exception e) => e is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException;
}
