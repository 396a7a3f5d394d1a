using System.Globalization;
using System.Security.Cryptography;
using Grpc.Core;
using Reserves.Contracts.Valuation.V1;
using Reserves.Orchestrator.Grains;
using Segment = Reserves.Contracts.Valuation.V1.Segment;

namespace Reserves.Orchestrator.Front;

/// <summary>
/// The front-door ValuationService: validates and plans a run, hands the segments their inputs, and starts, watches,
/// lists and cancels runs through their grains.
/// </summary>
public sealed class ValuationFrontDoor(IGrainFactory grains, RunPlanner planner) : ValuationService.ValuationServiceBase
{
    public const long MaxUploadBytes = 4L * 1024 * 1024 * 1024;

    public override async Task<Run> StartRun(StartRunRequest request, ServerCallContext context)
    {
        var planned = await Task.Run(() => planner.Plan(request), context.CancellationToken);
        var plan = planned.Plan;
        var run = grains.GetGrain<IRunGrain>(RunGrain.Key(plan.Company, plan.ValuationDate, plan.RunId));
        var existing = await run.Get();
        if (existing.Status != Statuses.New && existing.Fingerprint != plan.Fingerprint) throw AlreadyExists(plan);
        if (existing.Status == Statuses.New)
            await Parallel.ForEachAsync(planned.Segments, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = context.CancellationToken },
                async (inputs, _) => await grains.GetGrain<ISegmentGrain>(SegmentKeys.Of(run.GetPrimaryKeyString(), plan.Fingerprint, inputs.Plan.SegmentId))
                    .Prepare(inputs));
        try
        {
            return ToContract(await run.Start(plan));
        }
        catch (InvalidOperationException)
        {
            // Another StartRun with other inputs under this key won the race; its segments are its own (keyed by fingerprint).
            throw AlreadyExists(plan);
        }
    }

    private static RpcException AlreadyExists(RunPlan plan) => new(new Status(StatusCode.AlreadyExists,
        $"run {plan.RunId} of {plan.Company} at {plan.ValuationDate} already exists with other inputs; use a new run id"));

    public override async Task<Run> GetRun(RunKey request, ServerCallContext context) => ToContract(await Existing(request));

    public override async Task WatchRun(RunKey request, IServerStreamWriter<RunEvent> responseStream, ServerCallContext context)
    {
        await Existing(request);
        var run = Grain(request);
        string? last = null;
        while (!context.CancellationToken.IsCancellationRequested)
        {
            Run view;
            try { view = ToContract(await run.Get()); }
            catch (Exception e) when (ClusterErrorMapping.IsTransient(e))
            {
                // The run grain's silo was lost: it is activated elsewhere (and resumes the run) once the silo is declared dead.
                await Task.Delay(1_000, context.CancellationToken);
                continue;
            }
            var text = view.ToString();
            if (text != last)
            {
                await responseStream.WriteAsync(new RunEvent { Run = view }, context.CancellationToken);
                last = text;
            }
            if (Statuses.IsFinal(view.Status)) return;
            await Task.Delay(200, context.CancellationToken);
        }
    }

    public override async Task<Run> SubmitShard(SubmitShardRequest request, ServerCallContext context)
    {
        var key = request.Key ?? throw new RpcException(new Status(StatusCode.InvalidArgument, "key: the run key is required"));
        await Existing(key);
        // The signature before anything in the submission is looked at: an unsigned or forged one learns nothing.
        switch (await Grain(key).CheckShardSignature(ShardSignature.Unsigned(request), request.Signature.ToByteArray()))
        {
            case ShardSignatureCheck.NoExternalShards:
                throw new RpcException(new Status(StatusCode.FailedPrecondition,
                    "the run values its policies in the cluster: it was not started with external shards"));
            case ShardSignatureCheck.NoSecret:
                throw new RpcException(new Status(StatusCode.FailedPrecondition,
                    "the run was started without a shard secret (before submissions were signed): start it again "
                        + "under a new run id"));
            case ShardSignatureCheck.Invalid:
                throw new RpcException(new Status(StatusCode.PermissionDenied,
                    "signature: the submission is not signed with the run's shard secret"));
        }
        var f = new ServiceHosting.RequestFields("sums");
        var sums = request.Sums.Select((s, i) => new BasisSums(s.BasisId, f.Amount(s.Reserve, "reserve", i), f.Amount(s.Deficiency, "deficiency", i),
            s.FirstIssueYear, s.LastIssueYear, s.Policies)).ToList();
        f.ThrowIfAny();
        var result = await Grain(key).SubmitShard(request.ShardIndex, request.ShardCount, request.PoliciesSha256, request.BasesSha256,
            request.TablesSha256, request.SoftwareVersion, sums, request.Policies, request.Seconds);
        if (!result.Accepted)
            throw new RpcException(new Status(result.Conflict ? StatusCode.AlreadyExists : StatusCode.FailedPrecondition, result.Error ?? "refused"));
        return ToContract(await Grain(key).Get());
    }

    public override async Task<ExhibitSet> GetExhibitSet(RunKey request, ServerCallContext context)
    {
        var view = await Existing(request);
        var json = await Grain(request).GetExhibitSet()
            ?? throw new RpcException(new Status(StatusCode.FailedPrecondition, $"run {request.RunId} is {view.Status}: it has no exhibit set{(view.Error is null ? "" : $" ({view.Error})")}"));
        var set = new ExhibitSet { Key = request, Json = json };
        var bytes = set.CalculateSize();
        if (bytes > ServiceHosting.GrpcServiceHost.MaxMessageBytes)
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"the exhibit set is {bytes / (1024.0 * 1024):F1} MiB, above the "
                + $"{ServiceHosting.GrpcServiceHost.MaxMessageBytes / (1024 * 1024)} MiB limit of one message: use "
                    + $"DownloadExhibitSet"));
        return set;
    }

    public const int DownloadChunkBytes = 1024 * 1024;

    public override async Task DownloadExhibitSet(RunKey request, IServerStreamWriter<InputChunk> responseStream,
        ServerCallContext context)
    {
        var view = await Existing(request);
        var json = await Grain(request).GetExhibitSet()
            ?? throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"run {request.RunId} is {view.Status}: it has no exhibit set"));
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        for (var at = 0; at < bytes.Length; at += DownloadChunkBytes)
            await responseStream.WriteAsync(new InputChunk
            {
                Data = Google.Protobuf.ByteString.CopyFrom(bytes, at, Math.Min(DownloadChunkBytes, bytes.Length - at)),
            }, context.CancellationToken);
    }

    public override async Task<ListRunsResponse> ListRuns(ListRunsRequest request, ServerCallContext context)
    {
        var response = new ListRunsResponse();
        // From the registry alone: listing does not activate (and so resume) any run.
        foreach (var entry in await grains.GetGrain<IRunRegistryGrain>(RunRegistryGrain.Key).List(request.Company))
            response.Runs.Add(new Run
            {
                Key = new RunKey { Company = entry.Company, ValuationDate = entry.ValuationDate, RunId = entry.RunId },
                Status = entry.Status,
                FinishedAt = entry.FinishedAt,
            });
        return response;
    }

    public override async Task<Run> CancelRun(RunKey request, ServerCallContext context)
    {
        await Existing(request);
        return ToContract(await Grain(request).Cancel());
    }

    public override async Task<UploadedInput> UploadInput(IAsyncStreamReader<InputChunk> requestStream, ServerCallContext context)
    {
        var temp = Path.Combine(planner.UploadDirectory, $".upload-{Guid.NewGuid():N}");
        long bytes = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            await using (var file = new FileStream(temp, options))
            {
                await foreach (var chunk in requestStream.ReadAllAsync(context.CancellationToken))
                {
                    var data = chunk.Data.Memory;
                    bytes += data.Length;
                    if (bytes > MaxUploadBytes)
                        throw new RpcException(new Status(StatusCode.ResourceExhausted, $"an upload may not exceed {MaxUploadBytes / (1024 * 1024)} MiB"));
                    hash.AppendData(data.Span);
                    await file.WriteAsync(data, context.CancellationToken);
                }
            }
            var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            File.Move(temp, Path.Combine(planner.UploadDirectory, sha), overwrite: true);
            return new UploadedInput { Sha256 = sha, Bytes = bytes };
        }
        finally
        {
            // A cancelled or refused upload leaves nothing behind.
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private IRunGrain Grain(RunKey key) => grains.GetGrain<IRunGrain>(RunGrain.Key(key.Company, key.ValuationDate, key.RunId));

    private async Task<RunView> Existing(RunKey key)
    {
        var view = await Grain(key).Get();
        return view.Status == Statuses.New
            ? throw new RpcException(new Status(StatusCode.NotFound, $"no run {key.RunId} of {key.Company} at {key.ValuationDate}"))
            : view;
    }

    public static Run ToContract(RunView v)
    {
        var run = new Run
        {
            Key = new RunKey { Company = v.Company, ValuationDate = v.ValuationDate, RunId = v.RunId },
            Status = v.Status,
            SegmentsDone = v.Segments.Count(s => s.Status == Statuses.Done),
            Policies = v.Segments.Sum(s => s.Plan.Policies),
            PoliciesValued = v.Segments.Sum(s => s.Valued),
            StartedAt = v.StartedAt?.ToString("O", CultureInfo.InvariantCulture) ?? "",
            FinishedAt = v.FinishedAt?.ToString("O", CultureInfo.InvariantCulture) ?? "",
            Seconds = v.StartedAt is { } s ? ((v.FinishedAt ?? DateTimeOffset.UtcNow) - s).TotalSeconds : 0,
            Error = v.Error ?? "",
        };
        run.Segments.AddRange(v.Segments.Select(s => new Segment
        {
            SegmentId = s.Plan.SegmentId,
            Kind = s.Plan.Kind,
            Basis = s.Plan.Basis,
            Shard = s.Plan.Shard,
            Policies = s.Plan.Policies,
            Valued = s.Valued,
            Status = s.Status,
            Error = s.Error ?? "",
            Reused = s.Reused,
            Seconds = s.Seconds,
        }));
        return run;
    }
}
