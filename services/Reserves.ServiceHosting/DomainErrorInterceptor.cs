using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Reserves.Inputs;

namespace Reserves.ServiceHosting;

/// <summary>
/// Maps domain errors to gRPC status codes in one place: bad input to InvalidArgument with a google.rpc.BadRequest
/// listing every field violation ("policies[3].issue_age"); a missing table, basis mapping or factor set to
/// FailedPrecondition with a google.rpc.PreconditionFailure naming it. A host adds its own mappings (IErrorMapping).
/// </summary>
public sealed class DomainErrorInterceptor(IEnumerable<IErrorMapping> mappings) : Interceptor
{
    private RpcException? MapAny(Exception e) => Map(e) ?? mappings.Select(m => m.Map(e)).FirstOrDefault(m => m is not null);

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try { return await continuation(request, context); }
        catch (Exception e) when (MapAny(e) is { } mapped) { throw mapped; }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try { return await continuation(requestStream, context); }
        catch (Exception e) when (MapAny(e) is { } mapped) { throw mapped; }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try { await continuation(request, responseStream, context); }
        catch (Exception e) when (MapAny(e) is { } mapped) { throw mapped; }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try { await continuation(requestStream, responseStream, context); }
        catch (Exception e) when (MapAny(e) is { } mapped) { throw mapped; }
    }

    public static RpcException? Map(Exception e) => e switch
    {
        InvalidInputException invalid => InvalidArgument(invalid.Errors),
        AssumptionMissingException missing => new Google.Rpc.Status
        {
            Code = (int)Code.FailedPrecondition,
            Message = missing.Message,
            Details =
            {
                Any.Pack(new PreconditionFailure
                {
                    Violations = { new PreconditionFailure.Types.Violation { Type = "ASSUMPTION", Subject = missing.Subject, Description = missing.Message } },
                }),
            },
        }.ToRpcException(),
        _ => null,
    };

    public static RpcException InvalidArgument(IReadOnlyList<InputError> errors)
    {
        var badRequest = new BadRequest();
        foreach (var error in errors)
            // An error found in a file keeps its place in the description: "policies.csv:12:4 (issue_age): ...".
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = error.FieldPath, Description = error.Line is null ? error.Message : error.ToString() });
        var message = errors.Count == 1 ? $"{errors[0].FieldPath}: {errors[0].Message}"
            : $"{errors.Count} invalid fields; first: {errors[0].FieldPath}: {errors[0].Message}";
        return new Google.Rpc.Status { Code = (int)Code.InvalidArgument, Message = message, Details = { Any.Pack(badRequest) } }.ToRpcException();
    }
}

/// <summary>A host's own mapping of exceptions to gRPC statuses (null: not this mapping's exception).</summary>
public interface IErrorMapping
{
    RpcException? Map(Exception e);
}
