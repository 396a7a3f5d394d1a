using Google.Protobuf;
using Reserves.Contracts.Crvm.V1;
using Reserves.Orchestrator.Grains;

namespace Reserves.Orchestrator.Tests;

/// <summary>A stored shard cut into stream messages without decoding: every slice is the message the generated client would send.</summary>
public class PolicyBatchSlicesTests
{
    private static Policy P(int i) => new()
    {
        PolicyId = $"P{i:D6}",
        Plan = i % 3 == 0 ? "TERM" : "WL",
        IssueDate = "2001-03-15",
        IssueAge = i % 80,
        Sex = i % 2 == 0 ? "M" : "F",
        RiskClass = "",
        FaceAmount = 1_000 * (i + 1),
        BenefitYears = i % 3 == 0 ? 20 : 0,
        Basis = "B" + (i % 4),
        // Some policies carry the optional gross premium, so the encodings differ in length.
        GrossPremium = i % 5 == 0 ? 12.5 * i : 0,
    };

    [Theory]
    [InlineData(0, 7)]
    [InlineData(1, 7)]
    [InlineData(7, 7)]
    [InlineData(12_345, 5_000)]
    [InlineData(10_000, 5_000)]
    public void SlicesAreTheBatchesTheClientWouldSend(int count, int size)
    {
        var all = new PolicyBatch();
        all.Policies.AddRange(Enumerable.Range(0, count).Select(P));
        var slices = PolicyBatchSlices.Requests(all.ToByteArray(), size).ToList();

        var expected = all.Policies.Chunk(size).Select(chunk =>
        {
            var batch = new PolicyBatch();
            batch.Policies.AddRange(chunk);
            return new ValueStreamRequest { Batch = batch };
        }).ToList();
        Assert.Equal(expected.Count, slices.Count);
        for (var i = 0; i < slices.Count; i++)
        {
            Assert.Equal(expected[i].ToByteArray(), slices[i].Request);
            Assert.Equal(expected[i].Batch.Policies.Count, slices[i].Policies);
            Assert.Equal(expected[i], ValueStreamRequest.Parser.ParseFrom(slices[i].Request));
        }
    }

    [Fact]
    public void AStoredBatchWithAnotherFieldIsRefused()
    {
        // A whole stream message (field 2) where a batch's policies (field 1) belong.
        var batch = new PolicyBatch();
        batch.Policies.Add(P(1));
        var bytes = new ValueStreamRequest { Batch = batch }.ToByteArray();
        Assert.Throws<InvalidDataException>(() => PolicyBatchSlices.Requests(bytes, 10).ToList());
    }
}
