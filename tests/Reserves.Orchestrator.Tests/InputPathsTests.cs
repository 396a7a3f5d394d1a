using Grpc.Core;
using Reserves.Contracts.Valuation.V1;
using Reserves.Orchestrator.Front;
using Reserves.ServiceHosting;
using static Reserves.Orchestrator.Tests.ClusterFixture;

namespace Reserves.Orchestrator.Tests;

/// <summary>Inputs by path: only under the server's inputs root, and a refusal tells nothing about what lies
/// outside.</summary>
public class InputPathsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static RpcException Refused(InputPaths paths, string path) =>
        Assert.Throws<RpcException>(() => paths.Resolve("policies.path", path));

    [Fact]
    public void PathsUnderTheRootAreReadAndNamedRelativeToIt()
    {
        var root = Directory.CreateTempSubdirectory().FullName;
        Directory.CreateDirectory(Path.Combine(root, "q4"));
        File.WriteAllText(Path.Combine(root, "q4", "policies.csv"), "x");
        var paths = InputPaths.Under(root);
        Assert.Equal((Path.Combine(root, "q4", "policies.csv"), Path.Combine("q4", "policies.csv")),
            paths.Resolve("policies.path", Path.Combine(root, "q4", "policies.csv")));
        Assert.Equal(Path.Combine("q4", "policies.csv"), paths.Resolve("policies.path", "q4/policies.csv").Shown);

        var missing = Refused(paths, "q4/nothing.csv");
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.DoesNotContain(root, missing.Status.Detail);
    }

    [Fact]
    public void PathsOutsideTheRootAreRefusedAlikeWhetherOrNotTheyExist()
    {
        var root = Directory.CreateTempSubdirectory().FullName;
        var outside = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(outside, "secret.csv"), "policy_id\nP1");
        var paths = InputPaths.Under(root);
        var existing = Refused(paths, Path.Combine(outside, "secret.csv"));
        var absent = Refused(paths, Path.Combine(outside, "absent.csv"));
        var climbing = Refused(paths, "../" + Path.GetFileName(outside) + "/secret.csv");
        Assert.All([existing, absent, climbing], e => Assert.Equal(StatusCode.PermissionDenied, e.StatusCode));
        Assert.Equal(existing.Status.Detail, absent.Status.Detail);
        Assert.DoesNotContain(outside, existing.Status.Detail);

        File.CreateSymbolicLink(Path.Combine(root, "linked.csv"), Path.Combine(outside, "secret.csv"));
        Directory.CreateSymbolicLink(Path.Combine(root, "linked-dir"), outside);
        Assert.Equal(StatusCode.PermissionDenied, Refused(paths, "linked.csv").StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, Refused(paths, "linked-dir/secret.csv").StatusCode);
        // Through a linked directory, a file outside that does not exist is refused alike (no existence oracle).
        Assert.Equal(Refused(paths, "linked-dir/secret.csv").Status.Detail, Refused(paths,
            "linked-dir/absent.csv").Status.Detail);

        Assert.Equal(StatusCode.PermissionDenied, Refused(InputPaths.UploadsOnly, Path.Combine(outside,
            "secret.csv")).StatusCode);
    }

    [Fact]
    public async Task AServerWithoutAnInputsRootTakesUploadsOnly()
    {
        var host = new GrpcHostOptions(Security: new ServerSecurity(["t"]));
        await using var app = OrchestratorHost.Build(new OrchestratorOptions(host, new CalculatorEndpoints("http://a",
            "http://b", "http://c"),
            Tables, Directory.CreateTempSubdirectory().FullName));
        await app.StartAsync(Cancel);
        using var channel = ServiceChannels.Create(GrpcServiceHost.Address(app), new ClientSecurity("t"));
        var e = await Assert.ThrowsAsync<RpcException>(() => new ValuationService.ValuationServiceClient(channel)
            .StartRunAsync(SampleRequest("Paths Life", "p-1"), cancellationToken: Cancel).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Contains("upload", e.Status.Detail);
        Assert.DoesNotContain("samples", e.Status.Detail);
        await app.StopAsync(Cancel);
    }
}
