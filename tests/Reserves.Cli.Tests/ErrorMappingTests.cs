using Grpc.Core;
using Reserves.Inputs;
using Reserves.ServiceHosting;

namespace Reserves.Cli.Tests;

/// <summary>Domain errors to gRPC statuses (the services) and back (the CLI), and each kind of error to its exit
/// code.</summary>
public class ErrorMappingTests
{
    private static Exception RoundTrip(Exception e) => GrpcErrors.FromStatus(DomainErrorInterceptor.Map(e)!);

    [Fact]
    public void BadInputCrossesAsInvalidArgumentAndComesBackFieldByField()
    {
        var sent = new InvalidInputException(
        [
            new InputError("request", null, null, "issue_age", "issue age 140 is outside 0-130", 12, "policies"),
            new InputError("request", null, null, "bases[0].interest", "interest must be a number"),
        ]);
        var status = DomainErrorInterceptor.Map(sent)!;
        Assert.Equal(StatusCode.InvalidArgument, status.StatusCode);
        var back = Assert.IsType<InvalidInputException>(GrpcErrors.FromStatus(status));
        Assert.Equal(sent.Errors.Select(e => (e.FieldPath, e.Message)), back.Errors.Select(e => (e.FieldPath,
            e.Message)));
        Assert.Equal(("policies", 12), (back.Errors[0].Collection, back.Errors[0].RecordIndex));
    }

    [Fact]
    public void AMissingAssumptionCrossesAsFailedPreconditionNamingIt()
    {
        var back = Assert.IsType<AssumptionMissingException>(RoundTrip(new AssumptionMissingException("soa:42",
            "table soa:42 not found")));
        Assert.Equal(("soa:42", "table soa:42 not found"), (back.Subject, back.Message));
    }

    [Fact]
    public void OtherErrorsAreNotMappedAsDomainErrors()
    {
        Assert.Null(DomainErrorInterceptor.Map(new InvalidOperationException("bug")));
        var unknown = new RpcException(new Status(StatusCode.Internal, "bug"));
        Assert.Same(unknown, GrpcErrors.FromStatus(unknown));
    }

    public static TheoryData<string, int> ExitCodesByKind => new()
    {
        { "bad input", ExitCodes.BadInput },
        { "missing assumption", ExitCodes.MissingAssumption },
        { "unavailable", ExitCodes.ServerUnavailable },
        { "deadline", ExitCodes.ServerUnavailable },
        { "file not found", ExitCodes.BadInput },
        { "too large", ExitCodes.BadInput },
        { "path outside the root", ExitCodes.BadInput },
        { "other", ExitCodes.Failure },
    };

    [Theory]
    [MemberData(nameof(ExitCodesByKind))]
    public void EachKindOfErrorHasItsExitCode(string kind, int expected)
    {
        Exception e = kind switch
        {
            "bad input" => new InvalidInputException(new InputError("p.csv", 2, 3, "plan",
                "plan must be WL, LP, TERM or END")),
            "missing assumption" => new AssumptionMissingException("soa:42", "table soa:42 not found"),
            "unavailable" => new RpcException(new Status(StatusCode.Unavailable, "connection refused")),
            "deadline" => new RpcException(new Status(StatusCode.DeadlineExceeded, "deadline")),
            "file not found" => new FileNotFoundException("input file not found: p.csv"),
            "too large" => GrpcErrors.FromStatus(new RpcException(new Status(StatusCode.ResourceExhausted, "too big"))),
            "path outside the root" => GrpcErrors.FromStatus(new RpcException(new Status(StatusCode.PermissionDenied,
                "policies.path: outside"))),
            _ => new InvalidOperationException("bug"),
        };
        var text = new StringWriter();
        Assert.Equal(expected, ExitCodes.Report(e, text));
        Assert.StartsWith("error: ", text.ToString());
        if (expected is ExitCodes.BadInput or ExitCodes.MissingAssumption && kind != "file not found")
            Assert.Contains("nothing was written.", text.ToString());
        if (kind == "bad input") Assert.Contains("p.csv:2:3 (plan): plan must be", text.ToString());
        if (kind == "too large") Assert.Contains("64 MiB", text.ToString());
    }
}
