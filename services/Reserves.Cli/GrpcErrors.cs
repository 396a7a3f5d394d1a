using Google.Rpc;
using Grpc.Core;
using Reserves.Inputs;

namespace Reserves.Cli;

/// <summary>Turns a calculator's status back into the domain exception it was mapped from (see DomainErrorInterceptor).</summary>
public static class GrpcErrors
{
    public static Exception FromStatus(RpcException e)
    {
        var status = e.GetRpcStatus();
        switch (e.StatusCode)
        {
            case StatusCode.InvalidArgument when status?.GetDetail<BadRequest>() is { } bad:
                return new InvalidInputException(bad.FieldViolations.Select(v =>
                {
                    var (collection, index, field) = InputError.ParseFieldPath(v.Field);
                    return new InputError("request", null, null, field, v.Description, index, collection);
                }).ToList());
            case StatusCode.FailedPrecondition:
                var subject = status?.GetDetail<PreconditionFailure>()?.Violations.FirstOrDefault()?.Subject ?? "";
                return new AssumptionMissingException(subject, e.Status.Detail);
            case StatusCode.ResourceExhausted:
                return new InvalidInputException(new InputError("request", null, null, "",
                    $"a message is larger than the services' limit of "
                    + $"{ServiceHosting.GrpcServiceHost.MaxMessageBytes / (1024 * 1024)} MiB ({e.Status.Detail})"));
            case StatusCode.PermissionDenied:
                // An input path outside the server's inputs root, or a shard not signed with the run's secret.
                return new InvalidInputException(new InputError("request", null, null, "", e.Status.Detail));
            default:
                return e;
        }
    }
}
