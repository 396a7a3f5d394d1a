using Google.Protobuf;
using Reserves.Actuarial.Policies;
using Reserves.Contracts.Crvm.V1;
using Reserves.Crvm.Service;
using Policy = Reserves.Actuarial.Policies.Policy;

namespace Reserves.Crvm.Service.Tests;

/// <summary>The direct encoder writes the bytes the generated code writes for the mapped messages, policy for policy.</summary>
public class PolicyBatchEncoderTests
{
    [Fact]
    public void TheBytesAreTheGeneratedCodesBytes()
    {
        var random = new Random(11);
        string[] ids = ["P1", "", "Police-é-ü-€", "P" + new string('9', 200)];
        var policies = Enumerable.Range(0, 5_000).Select(i => new Policy(
            i < ids.Length ? ids[i] : $"B{i:D8}", (Plan)random.Next(4), new DateOnly(1950, 1, 1).AddDays(random.Next(25_000)), random.Next(0, 131),
            (Sex)random.Next(3), (RiskClass)random.Next(3), i % 97 == 0 ? 0.0 : i % 89 == 0 ? -0.0 : random.Next(1, 100) * 1_000.0 + random.NextDouble(),
            (i % 3) switch { 0 => null, 1 => 0.0, _ => random.NextDouble() * 5_000 },
            i % 4 == 0 ? null : random.Next(1, 300), i % 5 == 0 ? null : random.Next(1, 150), i % 11 == 0 ? "" : $"basis-{i % 7}")).ToList();

        var expected = new PolicyBatch();
        expected.Policies.AddRange(policies.Select(ContractMapping.ToContract));
        Assert.Equal(expected.ToByteArray(), PolicyBatchEncoder.Encode(policies, 0, policies.Count));

        var part = new PolicyBatch();
        part.Policies.AddRange(policies.Skip(1_234).Take(777).Select(ContractMapping.ToContract));
        Assert.Equal(part.ToByteArray(), PolicyBatchEncoder.Encode(policies, 1_234, 777));
        Assert.Empty(PolicyBatchEncoder.Encode(policies, 10, 0));
    }
}
