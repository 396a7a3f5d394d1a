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
            default:
                return e;
        }
    }
}
