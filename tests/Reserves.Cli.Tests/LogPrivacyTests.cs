using Reserves.Orchestrator;
using static Reserves.Cli.Tests.RunCommandTests;

namespace Reserves.Cli.Tests;

/// <summary>
/// A calculator that refuses policies keeps their data out of its log (the refusal, with the data, goes to the caller).
/// The orchestrator's own failure logs carry status codes and exception types only; no test drives one here.
/// </summary>
public class LogPrivacyTests
{
    [Fact]
    public async Task ACalculatorRefusingPoliciesLogsNoneOfTheirData()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var port = OrchestratorHost.FreePort();
        await using var crvm = new LiveProcess(dir, "serve", "crvm", "--port", $"{port}");
        crvm.WaitFor("listening on", TimeSpan.FromMinutes(1));
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var client = new Reserves.Contracts.Crvm.V1.CrvmCalculator.CrvmCalculatorClient(channel);
        var bases = Actuarial.Bases.BasesJsonReader.ReadFile(Sample("bases.json"));
        var request = new Reserves.Contracts.Crvm.V1.ValueBlockRequest { ValuationDate = "2012-12-31" };
        request.Bases.AddRange(bases.Select(Crvm.Service.ContractMapping.ToContract));
        var policy = Crvm.Service.ContractMapping.ToContract(Actuarial.Policies.PolicyCsvReader.ReadFile(Sample("policies.csv")).Records[0]);
        policy.PolicyId = "PRIVATE-POLICY-4711";
        policy.IssueAge = 140;
        policy.FaceAmount = 987654321;
        request.Policies.Add(policy);
        var e = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => client.ValueBlockAsync(request, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);
        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, e.StatusCode);

        await Task.Delay(500, TestContext.Current.CancellationToken);                      // let the process flush its log
        Assert.DoesNotContain("PRIVATE-POLICY-4711", crvm.Text);
        Assert.DoesNotContain("987654321", crvm.Text);
    }
}
