using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ShardSignature = Reserves.Contracts.Valuation.V1.ShardSignature;
using Reserves.Contracts.Crvm.V1;
using Reserves.Crvm.Service;
using Reserves.Exhibits;
using Reserves.Exhibits.Avr;
using Reserves.Exhibits.Imr;
using Reserves.Exhibits.Set;

namespace Reserves.Orchestrator.Grains;

/// <summary>
/// A quarter-end run: keeps its plan and the progress of every segment, starts the segments (finished ones report
/// their stored outcome and are not recomputed), and assembles and stores the exhibit set when all are done. On
/// activation a running run starts its unfinished segments again, so a restarted process resumes it.
/// </summary>
public sealed class RunGrain(
    [PersistentState("run", OrchestratorHost.StorageName)] IPersistentState<RunState> state,
    ILogger<RunGrain> log) : Grain, IRunGrain
{
    public static string Key(string company, string valuationDate, string runId) => $"{company}/{valuationDate}/{runId}";

    /// <summary>How often a running run looks after its segments (a lost completion or a lost segment is picked up).</summary>
    public static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(10);

    private IGrainTimer? _watchdog;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Status != Statuses.Running) return Task.CompletedTask;
        // Resuming (after a restart or the loss of a silo; a running run is kept active by its watchdog, so it is never
        // simply idle-collected): segments finished before are reused, the others restarted.
        foreach (var track in state.State.Segments.Where(t => t.Status == Statuses.Done && t.Outcome is not null))
            track.Outcome = track.Outcome! with { Reused = track.Outcome.ProducedBy != OrchestratorHost.ProcessId };
        StartWatchdog(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    private void StartWatchdog(TimeSpan first) =>
        _watchdog ??= this.RegisterGrainTimer(_ => KickAsync(), new GrainTimerCreationOptions(first, Watchdog) { KeepAlive = true });

    public async Task<RunView> Start(RunPlan plan)
    {
        if (state.State.Plan is { } existing)
        {
            if (existing.Fingerprint != plan.Fingerprint)
                throw new InvalidOperationException($"run {plan.RunId} of {plan.Company} at {plan.ValuationDate} already exists with other inputs; use a new run id");
            if (state.State.Status == Statuses.Failed)
            {
                // The same inputs again after a failure: finished segments stay, the failed ones are valued again.
                foreach (var track in state.State.Segments.Where(t => t.Status != Statuses.Done)) track.Status = Statuses.Pending;
                state.State.Status = Statuses.Running;
                state.State.Error = null;
                state.State.FinishedAt = null;
                await state.WriteStateAsync();
                await Registry.Record(Entry(null));
            }
            if (state.State.Status == Statuses.Running)
            {
                StartWatchdog(Watchdog);
                await KickAsync();
            }
            return View();
        }
        state.State.Plan = plan;
        state.State.Status = Statuses.Running;
        state.State.StartedAt = DateTimeOffset.UtcNow;
        state.State.Segments = plan.Segments.Select(s => new SegmentTrack { Plan = s }).ToList();
        await state.WriteStateAsync();
        await Registry.Record(Entry(null));
        StartWatchdog(Watchdog);
        await KickAsync();
        return View();
    }

    public Task<RunView> Get() => Task.FromResult(View());

    public Task<string?> GetExhibitSet() => Task.FromResult(state.State.ExhibitSetJson);

    public async Task<RunView> Cancel()
    {
        if (state.State.Plan is null || Statuses.IsFinal(state.State.Status)) return View();
        state.State.Status = Statuses.Cancelled;
        state.State.FinishedAt = DateTimeOffset.UtcNow;
        foreach (var track in state.State.Segments.Where(t => !Statuses.IsFinal(t.Status)))
        {
            await Segment(track.Plan.SegmentId).Cancel();
            track.Status = Statuses.Cancelled;
        }
        await state.WriteStateAsync();
        await Registry.Record(Entry(null));
        return View();
    }

    public Task SegmentProgress(string segmentId, int valued)
    {
        var track = state.State.Segments.FirstOrDefault(t => t.Plan.SegmentId == segmentId);
        if (track is not null && !Statuses.IsFinal(track.Status)) track.Valued = valued;
        return Task.CompletedTask;
    }

    public async Task SegmentFinished(SegmentOutcome outcome)
    {
        var track = state.State.Segments.FirstOrDefault(t => t.Plan.SegmentId == outcome.SegmentId);
        if (track is null || state.State.Status != Statuses.Running) return;
        Apply(track, outcome);
        await FinishIfCompleteAsync();
        await state.WriteStateAsync();
    }

    public Task<ShardSignatureCheck> CheckShardSignature(byte[] unsignedSubmission, byte[] signature) =>
        Task.FromResult(!state.State.Segments.Any(t => t.Plan.Kind == SegmentKinds.External)
            ? ShardSignatureCheck.NoExternalShards
            : state.State.Plan?.ShardSecret is not { } secret ? ShardSignatureCheck.NoSecret
            : ShardSignature.Verify(secret, unsignedSubmission,
                signature) ? ShardSignatureCheck.Valid : ShardSignatureCheck.Invalid);

    public async Task<ShardSubmission> SubmitShard(int index, int count, string policiesSha256, string basesSha256, string tablesSha256,
        string softwareVersion, IReadOnlyList<BasisSums> sums, int policies, double seconds)
    {
        var plan = state.State.Plan;
        if (plan is null) return new ShardSubmission(false, "the run has not been started");
        var external = state.State.Segments.Where(t => t.Plan.Kind == SegmentKinds.External).ToList();
        if (external.Count == 0) return new ShardSubmission(false, "the run values its policies in the cluster: it was not started with external shards");
        if (count != external.Count) return new ShardSubmission(false, $"shard_count is {count}; the run was started with {external.Count} external shards");
        if (index < 0 || index >= count) return new ShardSubmission(false, $"shard_index {index} is outside 0-{count - 1}");
        string Sha(string role) => plan.Inputs.Single(i => i.Role == role).Sha256;
        if (!string.Equals(policiesSha256, Sha("policies"), StringComparison.OrdinalIgnoreCase))
            return new ShardSubmission(false, "the worker valued another policies file than the run's");
        if (!string.Equals(basesSha256, Sha("bases"), StringComparison.OrdinalIgnoreCase))
            return new ShardSubmission(false, "the worker used another bases file than the run's");
        if (plan.TablesSha256.Length > 0 && !string.Equals(tablesSha256, plan.TablesSha256, StringComparison.OrdinalIgnoreCase))
            return new ShardSubmission(false, "the worker valued with other mortality tables than the run's (check its --tables or RESERVES_TABLES)");
        if (softwareVersion != OrchestratorHost.SoftwareVersion)
            return new ShardSubmission(false, $"the worker runs version {softwareVersion}; the run's cluster runs {OrchestratorHost.SoftwareVersion}");
        var known = ValueStreamHeader.Parser.ParseFrom(plan.Bases).Bases.Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        if (sums.FirstOrDefault(s => !known.Contains(s.BasisId)) is { } unknown)
            return new ShardSubmission(false, $"the worker sent sums for basis '{unknown.BasisId}', which is not one of the run's bases");
        if (sums.Any(s => s.Policies < 1 || s.Reserve < 0 || s.Deficiency < 0) || sums.Select(s => s.BasisId).Distinct().Count() != sums.Count)
            return new ShardSubmission(false, "the worker's sums are malformed (a basis twice, no policies, or a negative amount)");
        var track = external.Single(t => t.Plan.Shard == index);
        if (state.State.Status == Statuses.Cancelled) return new ShardSubmission(false, "the run was cancelled");
        var result = await Segment(track.Plan.SegmentId).Submit(sums, policies, seconds);
        if (!result.Accepted || track.Status == Statuses.Done) return result;
        Apply(track, new SegmentOutcome(track.Plan.SegmentId, Statuses.Done, null, sums, null, null, seconds, false, OrchestratorHost.ProcessId));
        await FinishIfCompleteAsync();
        await state.WriteStateAsync();
        return result;
    }

    private async Task KickAsync()
    {
        if (state.State.Status != Statuses.Running)
        {
            _watchdog?.Dispose();
            _watchdog = null;
            return;
        }
        var key = this.GetPrimaryKeyString();
        // External shards that already wait for their workers need no call.
        // The investment segment first: it is the longest chain (the IMR, then the AVR with the IMR's credit gains).
        var starting = state.State.Segments.Where(t => t.Status != Statuses.Done
            && !(t.Plan.Kind == SegmentKinds.External && t.Status == Statuses.Running))
            .OrderBy(t => t.Plan.Kind == SegmentKinds.Investments ? 0 : 1).ToList();
        // The segments are started together: each stores its status before it answers. What the others answered is
        // kept when one of them fails (the watchdog starts that one again); then the first failure is raised.
        var starts = starting.Select(t => Segment(t.Plan.SegmentId).Start(key)).ToList();
        try
        {
            await Task.WhenAll(starts);
        }
        catch
        {
            // Every failure is observed below, in order.
        }
        for (var i = 0; i < starting.Count; i++)
        {
            if (!starts[i].IsCompletedSuccessfully) continue;
            if (starts[i].Result is { } outcome) Apply(starting[i], outcome);
            else starting[i].Status = Statuses.Running;
        }
        if (starts.FirstOrDefault(t => !t.IsCompletedSuccessfully) is { } failed)
        {
            await state.WriteStateAsync();
            await failed;
        }
        await FinishIfCompleteAsync();
        await state.WriteStateAsync();
    }

    private static void Apply(SegmentTrack track, SegmentOutcome outcome)
    {
        // The run state is rewritten at every completion: it keeps the outcome without the (large) reports, which stay
        // in the segment's own state until the exhibit set is assembled.
        track.Outcome = outcome with { AvrReportJson = null, ImrReportJson = null };
        track.Status = outcome.Status;
        if (outcome.Status == Statuses.Done) track.Valued = track.Plan.Policies;
    }

    private async Task FinishIfCompleteAsync()
    {
        if (state.State.Status != Statuses.Running || state.State.Segments.Any(t => !Statuses.IsFinal(t.Status))) return;
        var failed = state.State.Segments.Where(t => t.Status != Statuses.Done).ToList();
        if (failed.Count > 0)
        {
            state.State.FinishedAt = DateTimeOffset.UtcNow;
            state.State.Status = Statuses.Failed;
            state.State.Error = string.Join("; ", failed.Select(t => t.Outcome?.Error ?? $"{t.Plan.SegmentId}: {t.Status}"));
            await Registry.Record(Entry(null));
            return;
        }
        try
        {
            state.State.FinishedAt = DateTimeOffset.UtcNow;
            var (summary, json) = await AssembleAsync();
            state.State.ExhibitSetJson = json;
            state.State.Status = Statuses.Done;
            await Registry.Record(Entry(JsonSerializer.Serialize(summary.Totals, ExhibitSet.Json)));
        }
        catch (Exception e) when (Front.ClusterErrorMapping.IsTransient(e))
        {
            // A silo holding a segment was lost and is not yet declared dead: the run stays running, and the watchdog
            // assembles again once the segment is reachable (reactivated from storage elsewhere).
            // The same when the registry could not record it: the run is done only once the registry knows.
            log.LogWarning("assembling the exhibit set of {Run} waits for a lost silo: {Reason}", this.GetPrimaryKeyString(), e.Message);
            state.State.Status = Statuses.Running;
            state.State.ExhibitSetJson = null;
            state.State.FinishedAt = null;
        }
        catch (Exception e)
        {
            log.LogError("assembling the exhibit set of {Run} failed: {Exception} {StackTrace}", this.GetPrimaryKeyString(), e.GetType().FullName, e.StackTrace);
            state.State.Status = Statuses.Failed;
            state.State.Error = $"assembling the exhibit set failed: {e.Message}";
            await Registry.Record(Entry(null));
        }
    }

    /// <summary>The exhibit set's summary and its JSON; the investment reports go in as their segment stored them.</summary>
    private async Task<(RunSummary Summary, string Json)> AssembleAsync()
    {
        var plan = state.State.Plan!;
        var bases = ValueStreamHeader.Parser.ParseFrom(plan.Bases).Bases;
        var ordered = ContractMapping.Bases(bases);
        var totals = state.State.Segments.SelectMany(t => t.Outcome!.Sums)
            .Select(s => new BasisTotals(s.BasisId, s.Reserve, s.Deficiency, s.FirstIssueYear, s.LastIssueYear, s.Policies));
        var life = LifeReserveExhibit.Build(bases.Select(b => ordered[b.Id]), totals);
        var investmentsTrack = state.State.Segments.Single(t => t.Plan.Kind == SegmentKinds.Investments);
        var investments = await Segment(investmentsTrack.Plan.SegmentId).GetOutcome()
            ?? throw new InvalidOperationException("the investment segment has no stored outcome");
        var avr = JsonSerializer.Deserialize<AvrReport>(investments.AvrReportJson!, ExhibitSet.CompactJson)!;
        // Only the IMR page is read (for the totals): the report, with every disposal's amortization, is not rebuilt.
        var imrPage = JsonSerializer.Deserialize<ExhibitSet.ImrPageOnly>(investments.ImrReportJson!, ExhibitSet.CompactJson)!.Page;
        var runTotals = ExhibitSet.TotalsOf(life, avr, imrPage);
        PriorComparison? prior = null;
        if (await Registry.PriorDone(plan.Company, plan.ValuationDate) is { TotalsJson: { } json } entry)
        {
            var before = JsonSerializer.Deserialize<RunTotals>(json, ExhibitSet.Json)!;
            prior = new PriorComparison(DateOnly.ParseExact(entry.ValuationDate, "yyyy-MM-dd", CultureInfo.InvariantCulture), entry.RunId, before,
                runTotals.Minus(before));
        }
        var summary = new RunSummary(plan.Company, DateOnly.ParseExact(plan.ValuationDate, "yyyy-MM-dd", CultureInfo.InvariantCulture), plan.RunId,
            OrchestratorHost.SoftwareVersion, Stamp(state.State.StartedAt), Stamp(state.State.FinishedAt),
            plan.Inputs.Select(i => new RunInput(i.Role, i.Name, i.Sha256, i.Bytes, i.Records)).ToList(),
            bases.Select(b => $"{b.Id}: {b.Label} ({b.Method.ToString().ToUpperInvariant()} {b.Interest.ToString(CultureInfo.InvariantCulture)} {b.Timing.ToString().ToLowerInvariant()} {b.Reserve.ToString().ToLowerInvariant()})").ToList(),
            plan.MortalityTables, plan.AvrFactorSet, plan.ImrMethod, plan.Segments.Sum(s => s.Policies), plan.Segments.Count, plan.Holdings, plan.Disposals,
            runTotals, prior);
        return (summary, ExhibitSet.ComposeCompactJson(summary, life, investments.AvrReportJson!, investments.ImrReportJson!));
    }

    private static string Stamp(DateTimeOffset? at) => at?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "";

    private ISegmentGrain Segment(string segmentId) =>
        GrainFactory.GetGrain<ISegmentGrain>(SegmentKeys.Of(this.GetPrimaryKeyString(), state.State.Plan!.Fingerprint, segmentId));

    private IRunRegistryGrain Registry => GrainFactory.GetGrain<IRunRegistryGrain>(RunRegistryGrain.Key);

    private RunEntry Entry(string? totalsJson)
    {
        var p = state.State.Plan!;
        return new RunEntry(p.Company, p.ValuationDate, p.RunId, state.State.Status, totalsJson, Stamp(state.State.FinishedAt));
    }

    private RunView View()
    {
        var p = state.State.Plan;
        var parts = this.GetPrimaryKeyString().Split('/');
        return new RunView(p?.Company ?? parts[0], p?.ValuationDate ?? parts.ElementAtOrDefault(1) ?? "", p?.RunId ?? parts.ElementAtOrDefault(2) ?? "",
            state.State.Status, p?.Fingerprint ?? "",
            state.State.Segments.Select(t => new SegmentView(t.Plan, t.Status, t.Valued, t.Outcome?.Error, t.Outcome?.Reused ?? false, t.Outcome?.Seconds ?? 0)).ToList(),
            state.State.StartedAt, state.State.FinishedAt, state.State.Error);
    }
}
