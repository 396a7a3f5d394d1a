using Orleans.Concurrency;

namespace Reserves.Orchestrator.Grains;

/// <summary>A quarter-end run (key: company/valuation-date/run-id): plans segments, tracks them, assembles the exhibit set.</summary>
public interface IRunGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the run with its plan. A run that exists already with the same inputs is returned as it stands (never run
    /// twice), its unfinished or failed segments started again; other inputs under the same key are refused.
    /// </summary>
    Task<RunView> Start(RunPlan plan);

    [AlwaysInterleave]
    Task<RunView> Get();

    Task<RunView> Cancel();

    Task<string?> GetExhibitSet();

    [OneWay]
    Task SegmentProgress(string segmentId, int valued);

    [OneWay]
    Task SegmentFinished(SegmentOutcome outcome);

    /// <summary>
    /// Whether a shard submission (its encoding without the signature) carries the HMAC of the run's shard secret;
    /// the secret never leaves the grain.
    /// </summary>
    [AlwaysInterleave]
    Task<ShardSignatureCheck> CheckShardSignature(byte[] unsignedSubmission, byte[] signature);

    /// <summary>An external shard's sums from a worker, checked against the run's plan and inputs.</summary>
    Task<ShardSubmission> SubmitShard(int index, int count, string policiesSha256, string basesSha256, string tablesSha256, string softwareVersion,
        IReadOnlyList<BasisSums> sums, int policies, double seconds);
}

/// <summary>A segment of a run (key: company/valuation-date/run-id/segment-id): its inputs, status and results, persisted.</summary>
public interface ISegmentGrain : IGrainWithStringKey
{
    /// <summary>Stores the inputs once (ignored when the segment has them already).</summary>
    Task Prepare(SegmentInputs inputs);

    /// <summary>Starts valuing unless done; a done segment returns its stored outcome (not recomputed).</summary>
    Task<SegmentOutcome?> Start(string runKey);

    Task Cancel();

    /// <summary>Stores an external shard's sums as its outcome (the same sums again are accepted; other sums refused).</summary>
    Task<ShardSubmission> Submit(IReadOnlyList<BasisSums> sums, int policies, double seconds);

    /// <summary>The stored outcome with its reports (the run keeps only a slim copy).</summary>
    [AlwaysInterleave]
    Task<SegmentOutcome?> GetOutcome();
}

/// <summary>Every run, by company, with the totals of the finished ones (key: "all").</summary>
public interface IRunRegistryGrain : IGrainWithStringKey
{
    Task Record(RunEntry entry);

    [AlwaysInterleave]
    Task<IReadOnlyList<RunEntry>> List(string company);

    /// <summary>The latest finished run of the company with an earlier valuation date, if any.</summary>
    [AlwaysInterleave]
    Task<RunEntry?> PriorDone(string company, string valuationDate);
}

/// <summary>The outcome of <see cref="IRunGrain.CheckShardSignature"/>.</summary>
public enum ShardSignatureCheck
{
    /// <summary>The run was not started with external shards (or not at all).</summary>
    NoExternalShards,

    /// <summary>The run has external shards but was started before submissions were signed.</summary>
    NoSecret,
    Valid,
    Invalid,
}
