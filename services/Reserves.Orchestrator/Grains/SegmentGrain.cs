using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Reserves.Avr.Service;
using Reserves.Contracts.Avr.V1;
using Reserves.Contracts.Crvm.V1;
using Reserves.Contracts.Imr.V1;
using Reserves.Crvm.Service;
using Reserves.Exhibits;
using Reserves.Exhibits.Set;
using Reserves.Imr.Service;
using AvrCodes = Reserves.Investments.Avr.AvrCodes;
using ImrCreditRelatedGains = Reserves.Investments.Avr.ImrCreditRelatedGains;

namespace Reserves.Orchestrator.Grains;

/// <summary>
/// A segment: keeps its inputs and results in grain storage, values them through the calculator services outside its
/// request turns (a one-shot interleaving timer), writes the outcome before reporting it to the run, and never
/// recomputes a segment that is done.
/// </summary>
public sealed class SegmentGrain(
    [PersistentState("segment", OrchestratorHost.StorageName)] IPersistentState<SegmentState> state,
    [PersistentState("segment-inputs", OrchestratorHost.StorageName)] IPersistentState<SegmentInputsState> stored,
    CalculatorClients calculators,
    ILogger<SegmentGrain> log) : Grain, ISegmentGrain
{
    public const int BatchSize = 5_000;
    public const int StreamAttempts = 4;

    /// <summary>Deadline of one calculator call: generous, but a hung calculator does not hang the segment for ever.</summary>
    public static readonly TimeSpan CallDeadline = TimeSpan.FromMinutes(30);

    private CancellationTokenSource? _running;
    private IGrainTimer? _timer;

    public async Task Prepare(SegmentInputs inputs)
    {
        if (stored.State.Inputs is not null) return;
        stored.State.Inputs = inputs;
        await stored.WriteStateAsync();
        state.State.Plan = inputs.Plan;
        state.State.Status = Statuses.Pending;
        await state.WriteStateAsync();
    }

    public async Task<SegmentOutcome?> Start(string runKey)
    {
        // An outcome stored by an earlier activation (an earlier process) is reused, not recomputed.
        if (state.State.Outcome is { Status: Statuses.Done } done) return done with { Reused = done.ProducedBy != OrchestratorHost.ProcessId };
        if (stored.State.Inputs is null) throw new InvalidOperationException($"segment {this.GetPrimaryKeyString()} has no inputs");
        if (_running is not null) return null;
        if (stored.State.Inputs.Plan.Kind == SegmentKinds.External)
        {
            // Valued by a worker outside the cluster: it waits for the worker's sums (Submit).
            if (state.State.Status == Statuses.Running) return null;
            state.State.RunKey = runKey;
            state.State.Status = Statuses.Running;
            await state.WriteStateAsync();
            return null;
        }
        state.State.RunKey = runKey;
        state.State.Status = Statuses.Running;
        state.State.Attempts++;
        await state.WriteStateAsync();
        var cancel = _running = new CancellationTokenSource();
        _timer = this.RegisterGrainTimer(_ => WorkAsync(cancel.Token),
            new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = true });
        return null;
    }

    public async Task<ShardSubmission> Submit(IReadOnlyList<BasisSums> sums, int policies, double seconds)
    {
        var plan = stored.State.Inputs?.Plan ?? throw new InvalidOperationException($"segment {this.GetPrimaryKeyString()} has no inputs");
        if (plan.Kind != SegmentKinds.External) return new ShardSubmission(false, $"{plan.SegmentId} is not valued by workers");
        if (policies != plan.Policies || sums.Sum(s => s.Policies) != policies)
            return new ShardSubmission(false, $"{plan.SegmentId} holds {plan.Policies:N0} policies; the worker sent {policies:N0} (sums of {sums.Sum(s => s.Policies):N0})");
        if (state.State.Outcome is { Status: Statuses.Done } done)
            return done.Sums.SequenceEqual(sums) ? new ShardSubmission(true)
                : new ShardSubmission(false, $"{plan.SegmentId} was already handed back with other sums", Conflict: true);
        state.State.Outcome = new SegmentOutcome(plan.SegmentId, Statuses.Done, null, sums, null, null, seconds, false, OrchestratorHost.ProcessId);
        state.State.Status = Statuses.Done;
        await state.WriteStateAsync();
        return new ShardSubmission(true);
    }

    public Task<SegmentOutcome?> GetOutcome() => Task.FromResult(state.State.Outcome);

    public Task Cancel()
    {
        _running?.Cancel();
        return Task.CompletedTask;
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        var inputs = stored.State.Inputs!;
        var watch = Stopwatch.StartNew();
        SegmentOutcome outcome;
        try
        {
            outcome = inputs.Plan.Kind == SegmentKinds.Life
                ? await ValueLifeAsync(inputs, cancellationToken)
                : await ValueInvestmentsAsync(inputs, cancellationToken);
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
        {
            outcome = Outcome(inputs, Statuses.Cancelled, "cancelled");
        }
        catch (RpcException e)
        {
            // Policy data never goes to the logs: a calculator's detail can quote a policy; it reaches the caller in the outcome.
            log.LogWarning("segment {Segment} failed: the calculator answered {Status}", inputs.Plan.SegmentId, e.StatusCode);
            outcome = Outcome(inputs, Statuses.Failed, $"{inputs.Plan.SegmentId}: calculator answered {e.StatusCode}: {e.Status.Detail}");
        }
        catch (Exception e)
        {
            log.LogError("segment {Segment} failed: {Exception} {StackTrace}", inputs.Plan.SegmentId, e.GetType().FullName, e.StackTrace);
            outcome = Outcome(inputs, Statuses.Failed, $"{inputs.Plan.SegmentId}: {e.Message}");
        }
        outcome = outcome with { Seconds = watch.Elapsed.TotalSeconds, ProducedBy = OrchestratorHost.ProcessId };
        try
        {
            // Durability: the outcome is stored before the run hears of it.
            state.State.Outcome = outcome;
            state.State.Status = outcome.Status;
            await state.WriteStateAsync();
        }
        finally
        {
            // Even when the write failed, the segment can be started again (the run's watchdog does).
            _running = null;
        }
        await GrainFactory.GetGrain<IRunGrain>(state.State.RunKey).SegmentFinished(outcome);
    }

    private static SegmentOutcome Outcome(SegmentInputs inputs, string status, string? error) =>
        new(inputs.Plan.SegmentId, status, error, [], null, null, 0, false);

    private async Task<SegmentOutcome> ValueLifeAsync(SegmentInputs inputs, CancellationToken cancellationToken)
    {
        var header = ValueStreamHeader.Parser.ParseFrom(inputs.Header);
        // The segment keeps per-basis sums only, so the calculator sends those instead of a result per policy.
        header.SumsOnly = true;
        var headerRequest = new ValueStreamRequest { Header = header }.ToByteArray();
        // Cut before any call is open: a damaged stored shard fails here with its own message.
        var requests = PolicyBatchSlices.Requests(inputs.Body, BatchSize).ToList();
        var policies = requests.Sum(r => r.Policies);
        var run = GrainFactory.GetGrain<IRunGrain>(state.State.RunKey);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var totals = new Dictionary<string, BasisTotals>(StringComparer.Ordinal);
                var valued = 0;
                // The stored batch goes out in slices as it is, not decoded and encoded again (PolicyBatchSlices).
                using var call = calculators.Crvm.CreateCallInvoker().AsyncDuplexStreamingCall(PolicyBatchSlices.ValueStream, null,
                    new CallOptions(deadline: DateTime.UtcNow + CallDeadline, cancellationToken: cancellationToken));
                var reading = Task.Run(async () =>
                {
                    await foreach (var batch in call.ResponseStream.ReadAllAsync(cancellationToken))
                    {
                        // A calculator that predates sums_only answers per policy: add those up the same way.
                        var batchSums = batch.Sums.Count > 0 || batch.Reserves.Count == 0
                            ? batch.Sums.Select(ContractMapping.FromContract)
                            : LifeReserveExhibit.Totals(batch.Reserves.Select(ContractMapping.FromContract));
                        foreach (var sums in batchSums)
                        {
                            totals[sums.BasisId] = totals.TryGetValue(sums.BasisId, out var before) ? before + sums : sums;
                            valued += sums.Policies;
                        }
                        await run.SegmentProgress(inputs.Plan.SegmentId, valued);
                    }
                }, cancellationToken);
                try
                {
                    await call.RequestStream.WriteAsync(headerRequest, cancellationToken);
                    foreach (var (request, _) in requests) await call.RequestStream.WriteAsync(request, cancellationToken);
                    await call.RequestStream.CompleteAsync();
                }
                catch (Exception) when (!reading.IsCompletedSuccessfully)
                {
                    // The calculator ended the call: its status (in the reading side) says why.
                    await reading;
                    throw;
                }
                await reading;
                if (valued != policies)
                    throw new InvalidOperationException($"the calculator answered for {valued:N0} of {policies:N0} policies");
                var sums = totals.Values
                    .Select(t => new BasisSums(t.BasisId, t.Reserve, t.Deficiency, t.FirstIssueYear, t.LastIssueYear, t.Policies)).ToList();
                return new SegmentOutcome(inputs.Plan.SegmentId, Statuses.Done, null, sums, null, null, 0, false);
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.Internal && attempt < StreamAttempts)
            {
                log.LogWarning("segment {Segment}: CRVM calculator unavailable (attempt {Attempt}), retrying", inputs.Plan.SegmentId, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(250 * Math.Pow(2, attempt)), cancellationToken);
            }
        }
    }

    private async Task<SegmentOutcome> ValueInvestmentsAsync(SegmentInputs inputs, CancellationToken cancellationToken)
    {
        var imrRequest = ComputeImrRequest.Parser.ParseFrom(inputs.Header);
        var avrRequest = ComputeRollForwardRequest.Parser.ParseFrom(inputs.Body);
        var imr = await new ImrCalculator.ImrCalculatorClient(calculators.Imr).ComputeImrAsync(imrRequest, deadline: DateTime.UtcNow + CallDeadline,
            cancellationToken: cancellationToken);
        var gains = imr.AvrRealizedGains.ToDictionary(
            p => AvrCodes.TryParseSubComponent(p.Key, out var part)
                ? part
                : throw new InvalidOperationException($"IMR sent sub-component {p.Key}"),
            p => decimal.Parse(p.Value, System.Globalization.CultureInfo.InvariantCulture));
        var withGains = ImrCreditRelatedGains.AddTo(AvrContractMapping.RollForwardInputs(avrRequest.Inputs), gains);
        avrRequest.Inputs.Clear();
        foreach (var (part, input) in withGains)
            avrRequest.Inputs[AvrCodes.Code(part)] = AvrContractMapping.ToContract(input);
        var avr = await new AvrCalculator.AvrCalculatorClient(calculators.Avr).ComputeRollForwardAsync(avrRequest, deadline: DateTime.UtcNow + CallDeadline,
            cancellationToken: cancellationToken);
        var avrReport = AvrContractMapping.FromContract(avr.Components, avr.Lines);
        var imrReport = ImrContractMapping.FromContract(imr);
        return new SegmentOutcome(inputs.Plan.SegmentId, Statuses.Done, null, [],
            System.Text.Json.JsonSerializer.Serialize(avrReport, ExhibitSet.CompactJson), System.Text.Json.JsonSerializer.Serialize(imrReport, ExhibitSet.CompactJson), 0, false);
    }
}
