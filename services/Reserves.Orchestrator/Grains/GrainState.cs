namespace Reserves.Orchestrator.Grains;

public static class SegmentKinds
{
    public const string Life = "life";
    public const string Investments = "investments";
    /// <summary>A shard of the in-force valued outside the cluster (a `reserves worker` pod) and handed back.</summary>
    public const string External = "life-external";
}

/// <summary>What became of a shard handed back by a worker: accepted, refused as wrong, or in conflict with earlier sums.</summary>
[GenerateSerializer, Immutable]
public sealed record ShardSubmission(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] string? Error = null,
    [property: Id(2)] bool Conflict = false);

public static class Statuses
{
    public const string New = "new";
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static bool IsFinal(string status) => status is Done or Failed or Cancelled;
}

/// <summary>What a segment values: a shard of one basis's policies, or the investment segment (AVR and IMR).</summary>
[GenerateSerializer, Immutable]
public sealed record SegmentPlan(
    [property: Id(0)] string SegmentId,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Basis,
    [property: Id(3)] int Shard,
    [property: Id(4)] int Policies);

/// <summary>The inputs a segment keeps: calculator requests as protobuf bytes, exactly as they will be sent.</summary>
[GenerateSerializer, Immutable]
public sealed record SegmentInputs(
    [property: Id(0)] SegmentPlan Plan,
    [property: Id(1)] byte[] Header,
    [property: Id(2)] byte[] Body);

/// <summary>Sums of one basis within a life segment (decimal, as the exhibit adds them).</summary>
[GenerateSerializer, Immutable]
public sealed record BasisSums(
    [property: Id(0)] string BasisId,
    [property: Id(1)] decimal Reserve,
    [property: Id(2)] decimal Deficiency,
    [property: Id(3)] int FirstIssueYear,
    [property: Id(4)] int LastIssueYear,
    [property: Id(5)] int Policies);

/// <summary>What a finished segment hands the run: life sums, or the AVR and IMR reports as JSON.</summary>
[GenerateSerializer, Immutable]
public sealed record SegmentOutcome(
    [property: Id(0)] string SegmentId,
    [property: Id(1)] string Status,
    [property: Id(2)] string? Error,
    [property: Id(3)] IReadOnlyList<BasisSums> Sums,
    [property: Id(4)] string? AvrReportJson,
    [property: Id(5)] string? ImrReportJson,
    [property: Id(6)] double Seconds,
    [property: Id(7)] bool Reused,
    [property: Id(8)] string ProducedBy = "");

/// <summary>A segment's inputs, stored once in their own state (the status below is rewritten, the inputs are not).</summary>
[GenerateSerializer]
public sealed class SegmentInputsState
{
    [Id(0)] public SegmentInputs? Inputs { get; set; }
}

[GenerateSerializer]
public sealed class SegmentState
{
    [Id(0)] public SegmentPlan? Plan { get; set; }
    [Id(1)] public string Status { get; set; } = Statuses.New;
    [Id(2)] public SegmentOutcome? Outcome { get; set; }
    [Id(3)] public string RunKey { get; set; } = "";
    [Id(4)] public int Attempts { get; set; }
}

/// <summary>An input of a run as recorded in the summary.</summary>
[GenerateSerializer, Immutable]
public sealed record RunInputRecord(
    [property: Id(0)] string Role,
    [property: Id(1)] string Name,
    [property: Id(2)] string Sha256,
    [property: Id(3)] long Bytes,
    [property: Id(4)] int Records);

/// <summary>Everything the run grain needs to assemble the exhibit set, fixed when the run starts.</summary>
[GenerateSerializer, Immutable]
public sealed record RunPlan(
    [property: Id(0)] string Company,
    [property: Id(1)] string ValuationDate,
    [property: Id(2)] string RunId,
    [property: Id(3)] string Fingerprint,
    [property: Id(4)] IReadOnlyList<RunInputRecord> Inputs,
    [property: Id(5)] byte[] Bases,
    [property: Id(6)] IReadOnlyList<string> MortalityTables,
    [property: Id(7)] string AvrFactorSet,
    [property: Id(8)] string ImrMethod,
    [property: Id(9)] int Holdings,
    [property: Id(10)] int Disposals,
    [property: Id(11)] IReadOnlyList<SegmentPlan> Segments,
    [property: Id(12)] string TablesSha256 = "",
    [property: Id(13)] byte[]? ShardSecret = null);

/// <summary>Progress of one segment as the run grain tracks it.</summary>
[GenerateSerializer]
public sealed class SegmentTrack
{
    [Id(0)] public SegmentPlan Plan { get; set; } = null!;
    [Id(1)] public string Status { get; set; } = Statuses.Pending;
    [Id(2)] public int Valued { get; set; }
    [Id(3)] public SegmentOutcome? Outcome { get; set; }
}

[GenerateSerializer]
public sealed class RunState
{
    [Id(0)] public RunPlan? Plan { get; set; }
    [Id(1)] public string Status { get; set; } = Statuses.New;
    [Id(2)] public List<SegmentTrack> Segments { get; set; } = [];
    [Id(3)] public string? ExhibitSetJson { get; set; }
    [Id(4)] public string? Error { get; set; }
    [Id(5)] public DateTimeOffset? StartedAt { get; set; }
    [Id(6)] public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>Segment keys include the run's input fingerprint: two runs under one id with other inputs never share a segment.</summary>
public static class SegmentKeys
{
    public static string Of(string runKey, string fingerprint, string segmentId) => $"{runKey}/{fingerprint[..16]}/{segmentId}";
}

/// <summary>A run as callers see it.</summary>
[GenerateSerializer, Immutable]
public sealed record RunView(
    [property: Id(0)] string Company,
    [property: Id(1)] string ValuationDate,
    [property: Id(2)] string RunId,
    [property: Id(3)] string Status,
    [property: Id(4)] string Fingerprint,
    [property: Id(5)] IReadOnlyList<SegmentView> Segments,
    [property: Id(6)] DateTimeOffset? StartedAt,
    [property: Id(7)] DateTimeOffset? FinishedAt,
    [property: Id(8)] string? Error);

[GenerateSerializer, Immutable]
public sealed record SegmentView(
    [property: Id(0)] SegmentPlan Plan,
    [property: Id(1)] string Status,
    [property: Id(2)] int Valued,
    [property: Id(3)] string? Error,
    [property: Id(4)] bool Reused,
    [property: Id(5)] double Seconds);

/// <summary>A finished run's totals, for the prior-quarter comparison.</summary>
[GenerateSerializer, Immutable]
public sealed record RunEntry(
    [property: Id(0)] string Company,
    [property: Id(1)] string ValuationDate,
    [property: Id(2)] string RunId,
    [property: Id(3)] string Status,
    [property: Id(4)] string? TotalsJson,
    [property: Id(5)] string FinishedAt = "");

[GenerateSerializer]
public sealed class RegistryState
{
    [Id(0)] public Dictionary<string, RunEntry> Runs { get; set; } = new();
}
