using Grpc.Core;
using Reserves.Inputs;

namespace Reserves.Cli;

/// <summary>Exit codes: 0 done, 2 bad input, 3 missing assumption (table, basis mapping), 4 server unavailable, 1 other.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;
    public const int MissingAssumption = 3;
    public const int ServerUnavailable = 4;

    /// <summary>Prints the error the way an actuary reads it and returns its exit code.</summary>
    public static int Report(Exception e, TextWriter error)
    {
        switch (e)
        {
            case InvalidInputException invalid:
                foreach (var problem in invalid.Errors) error.WriteLine($"error: {problem}");
                error.WriteLine("nothing was written.");
                return BadInput;
            case AssumptionMissingException missing:
                error.WriteLine($"error: {missing.Message}");
                error.WriteLine("nothing was written.");
                return MissingAssumption;
            case RpcException rpc when rpc.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded:
                error.WriteLine($"error: the server is not reachable: {rpc.Status.Detail}");
                return ServerUnavailable;
            case FileNotFoundException or DirectoryNotFoundException:
                error.WriteLine($"error: {e.Message}");
                return BadInput;
            default:
                error.WriteLine($"error: {e.Message}");
                return Failure;
        }
    }
}
