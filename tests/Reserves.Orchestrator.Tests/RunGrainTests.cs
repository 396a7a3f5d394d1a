using System.Globalization;
using System.Text.Json;
using Reserves.Actuarial.Bases;
using Reserves.Actuarial.Policies;
using Reserves.Actuarial.Reserves;
using Reserves.Actuarial.Tables;
using Reserves.Exhibits;
using Reserves.Exhibits.Avr;
using Reserves.Exhibits.Imr;
using Reserves.Exhibits.Set;
using Reserves.Inputs;
using Reserves.Investments.Avr;
using Reserves.Investments.Imr;
using Reserves.Orchestrator.Front;
using Reserves.Orchestrator.Grains;
using static Reserves.Orchestrator.Tests.ClusterFixture;

namespace Reserves.Orchestrator.Tests;

public class RunGrainTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Task<(IRunGrain Run, RunPlanner.Planned Planned)> StartAsync(Contracts.Valuation.V1.StartRunRequest request) => fixture.StartRunAsync(request);

    private static Task<RunView> UntilFinal(IRunGrain run) => UntilFinalAsync(run);

    [Fact]
    public void PlannerPartitionsByBasisIntoBoundedShardsPlusTheInvestmentSegment()
    {
        var planned = fixture.Planner.Plan(SampleRequest("P", "partition", shardSize: 250));
        var life = planned.Plan.Segments.Where(s => s.Kind == SegmentKinds.Life).ToList();
        Assert.All(life, s => Assert.InRange(s.Policies, 1, 250));
        Assert.Equal(3_000, life.Sum(s => s.Policies));
        Assert.Equal(5 * 3, life.Count);                       // 600 policies a basis: 250 + 250 + 100
        Assert.Equal(["58CSO-400-CRVM", "80CSO-550-CRVM", "80CSO-500-CRVM", "01CSO-400-CRVM", "01CSO-350-NLP"], life.Select(s => s.Basis).Distinct());
        Assert.Equal("life-58CSO-400-CRVM-002", life[1].SegmentId);
        Assert.Single(planned.Plan.Segments, s => s.Kind == SegmentKinds.Investments);
        Assert.Equal(planned.Plan.Fingerprint, fixture.Planner.Plan(SampleRequest("P", "partition", shardSize: 250)).Plan.Fingerprint);
        Assert.NotEqual(planned.Plan.Fingerprint, fixture.Planner.Plan(SampleRequest("P", "partition", shardSize: 300)).Plan.Fingerprint);
    }

    [Fact]
    public void BadInputFailsThePlanWithFileLineAndColumnBeforeAnySegmentExists()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var lines = File.ReadAllLines(Sample("policies.csv"));
        lines[7] = lines[7].Replace(",M,", ",X,").Replace(",F,", ",X,");
        File.WriteAllLines(Path.Combine(dir, "policies.csv"), lines);
        var request = SampleRequest("P", "bad");
        request.Policies = new Contracts.Valuation.V1.InputFile { Path = Path.Combine(dir, "policies.csv") };
        var e = Assert.Throws<InvalidInputException>(() => fixture.Planner.Plan(request));
        Assert.Equal(("policies.csv", 8, 5, "sex"), (e.Errors[0].Source, e.Errors[0].Line, e.Errors[0].Column, e.Errors[0].Field));
    }

    [Fact]
    public async Task ARunAssemblesTheExhibitSetEqualToDirectLibraryCallsToTheCent()
    {
        var (run, planned) = await StartAsync(SampleRequest("Direct Life", "q4"));
        var view = await UntilFinal(run);
        Assert.Equal(Statuses.Done, view.Status);
        Assert.All(view.Segments, s => Assert.Equal(Statuses.Done, s.Status));
        Assert.Equal(3_000, view.Segments.Sum(s => s.Valued));
        var set = ExhibitSet.FromJson((await run.GetExhibitSet())!);

        // The same inputs through the libraries directly.
        var date = new DateOnly(2012, 12, 31);
        var bases = BasesJsonReader.ReadFile(Sample("bases.json"));
        var policies = PolicyCsvReader.ReadFile(Sample("policies.csv")).Records;
        var reserves = new BlockValuation(new TableLibrary(Tables)).Value(policies, bases.ToDictionary(b => b.Id), date);
        var life = LifeReserveExhibit.Build(bases, reserves);
        Assert.Equal(life, set.LifeReserves);

        var imr = ImrRun.Run(DisposalCsvReader.ReadFile(Sample("disposals.csv")).Records, YearAmountCsvReader.ReadFile(Sample("imr-prior.csv")).Records,
            YearAmountCsvReader.ReadFile(Sample("imr-liability-gains.csv")).Records, new ImrRunOptions(date));
        Assert.Equal(JsonSerializer.Serialize(ImrReport.From(imr), ExhibitSet.Json), JsonSerializer.Serialize(set.Imr, ExhibitSet.Json));

        var rollInputs = AvrRollForwardReader.ReadFile(Sample("avr-rollforward.json")).ToDictionary(p => p.Key,
            p => p.Value with { RealizedGeneral = p.Value.RealizedGeneral + imr.AvrRealizedGains[p.Key] });
        var components = AvrCalculator.Compute(HoldingCsvReader.ReadFile(Sample("holdings.csv")).Records, AvrFactorSetReader.Shipped(2012)!);
        var avr = AvrReport.From(components, AvrRollForward.Compute(components, rollInputs));
        Assert.Equal(JsonSerializer.Serialize(avr, ExhibitSet.Json), JsonSerializer.Serialize(set.Avr, ExhibitSet.Json));

        Assert.Equal(planned.Plan.Inputs.Count, set.Summary.Inputs.Count);
        Assert.Equal(3_000, set.Summary.Policies);
        Assert.Equal(life.Single(l => l.Line == "9999999").UnroundedAmount, set.Summary.Totals.LifeReserves);
    }

    [Fact]
    public async Task StartingTheSameRunTwiceNeverRunsItTwice()
    {
        var (run, planned) = await StartAsync(SampleRequest("Twice Life", "same-id"));
        var first = await UntilFinal(run);
        var again = await run.Start(planned.Plan);
        Assert.Equal(first.FinishedAt, again.FinishedAt);
        Assert.Equal(first.Segments.Select(s => s.Seconds), again.Segments.Select(s => s.Seconds));
        var segment = fixture.Grains.GetGrain<ISegmentGrain>(SegmentKeys.Of(run.GetPrimaryKeyString(), planned.Plan.Fingerprint, planned.Plan.Segments[0].SegmentId));
        var stored = await segment.Start(run.GetPrimaryKeyString());
        Assert.Equal(Statuses.Done, stored!.Status);           // handed back as stored, not started again
        Assert.Equal(first.Segments[0].Seconds, stored.Seconds);
    }

    [Fact]
    public async Task TheNextQuarterComparesWithThePriorOne()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var lines = File.ReadAllLines(Sample("disposals.csv"));
        File.WriteAllLines(Path.Combine(dir, "q3.csv"), lines.Take(1).Concat(lines.Skip(1).Where(l => string.CompareOrdinal(l.Split(',')[2], "2012-09-30") <= 0)));
        var policies = File.ReadAllLines(Sample("policies.csv"));
        File.WriteAllLines(Path.Combine(dir, "policies-q3.csv"), policies.Take(1).Concat(policies.Skip(1).Where(l => string.CompareOrdinal(l.Split(',')[2], "2012-09-30") <= 0)));
        var q3Request = SampleRequest("Quarterly Life", "q3", "2012-09-30", disposals: Path.Combine(dir, "q3.csv"));
        q3Request.Policies = new Contracts.Valuation.V1.InputFile { Path = Path.Combine(dir, "policies-q3.csv") };
        var (q3, _) = await StartAsync(q3Request);
        Assert.Equal(Statuses.Done, (await UntilFinal(q3)).Status);
        var (q4, _) = await StartAsync(SampleRequest("Quarterly Life", "q4"));
        Assert.Equal(Statuses.Done, (await UntilFinal(q4)).Status);
        var q3Set = ExhibitSet.FromJson((await q3.GetExhibitSet())!);
        var q4Set = ExhibitSet.FromJson((await q4.GetExhibitSet())!);
        Assert.Null(q3Set.Summary.Prior);
        var prior = q4Set.Summary.Prior!;
        Assert.Equal((new DateOnly(2012, 9, 30), "q3"), (prior.PriorValuationDate, prior.PriorRunId));
        Assert.Equal(q4Set.Summary.Totals.LifeReserves - q3Set.Summary.Totals.LifeReserves, prior.Change.LifeReserves);
        Assert.Equal(q4Set.Summary.Totals.ImrReserve - q3Set.Summary.Totals.ImrReserve, prior.Change.ImrReserve);
        var listed = await fixture.Grains.GetGrain<IRunRegistryGrain>(RunRegistryGrain.Key).List("Quarterly Life");
        Assert.Equal(["q3", "q4"], listed.Select(r => r.RunId));
    }

    [Fact]
    public async Task ARunCanBeCancelled()
    {
        // Bases renamed SLOW-...: the test calculator holds their streams for a few seconds, so the run is mid-way.
        var dir = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(dir, "bases.json"), File.ReadAllText(Sample("bases.json")).Replace("\"id\": \"", "\"id\": \"SLOW-"));
        File.WriteAllLines(Path.Combine(dir, "policies.csv"), File.ReadAllLines(Sample("policies.csv")).Select((l, i) => i == 0 ? l : l[..(l.LastIndexOf(',') + 1)] + "SLOW-" + l[(l.LastIndexOf(',') + 1)..]));
        var request = SampleRequest("Cancel Life", "cancel");
        request.Bases = new Contracts.Valuation.V1.InputFile { Path = Path.Combine(dir, "bases.json") };
        request.Policies = new Contracts.Valuation.V1.InputFile { Path = Path.Combine(dir, "policies.csv") };
        var (run, _) = await StartAsync(request);
        var cancelled = await run.Cancel();
        Assert.Equal(Statuses.Cancelled, cancelled.Status);
        await Task.Delay(DelayingCrvmService.Delay + TimeSpan.FromSeconds(1), Cancel);
        var view = await run.Get();
        Assert.Equal(Statuses.Cancelled, view.Status);
        Assert.Null(await run.GetExhibitSet());
        Assert.All(view.Segments.Where(s => s.Plan.Kind == SegmentKinds.Life), s => Assert.Equal(Statuses.Cancelled, s.Status));
    }

    [Fact]
    public async Task ACalculatorFailureFailsItsSegmentAndTheRunSaysSo()
    {
        var planned = fixture.Planner.Plan(SampleRequest("Failing Life", "fail"));
        var key = RunGrain.Key(planned.Plan.Company, planned.Plan.ValuationDate, planned.Plan.RunId);
        // The same cluster, but this run's first segment is prepared for nothing the CRVM service can value: a basis
        // whose tables the service cannot load gives FAILED_PRECONDITION, which is not retried.
        foreach (var inputs in planned.Segments)
        {
            var segmentInputs = inputs;
            if (inputs.Plan.SegmentId == planned.Plan.Segments[0].SegmentId)
            {
                var header = Contracts.Crvm.V1.ValueStreamHeader.Parser.ParseFrom(inputs.Header);
                foreach (var b in header.Bases) foreach (var k in b.Mortality.Keys.ToList()) b.Mortality[k] = "soa:999999";
                segmentInputs = inputs with { Header = Google.Protobuf.MessageExtensions.ToByteArray(header) };
            }
            await fixture.Grains.GetGrain<ISegmentGrain>(SegmentKeys.Of(key, planned.Plan.Fingerprint, inputs.Plan.SegmentId)).Prepare(segmentInputs);
        }
        var run = fixture.Grains.GetGrain<IRunGrain>(key);
        await run.Start(planned.Plan);
        var view = await UntilFinal(run);
        Assert.Equal(Statuses.Failed, view.Status);
        var failed = Assert.Single(view.Segments, s => s.Status == Statuses.Failed);
        Assert.Contains("FailedPrecondition", failed.Error);
        Assert.Contains("soa:999999", view.Error);
        Assert.Null(await run.GetExhibitSet());

        // Started again with the same inputs, a failed run values its failed segments again and keeps the others.
        await run.Start(planned.Plan);
        var again = await UntilFinal(run);
        Assert.Equal(Statuses.Failed, again.Status);
        Assert.Equal(view.Segments.Where(s => s.Status == Statuses.Done).Select(s => s.Seconds),
            again.Segments.Where(s => s.Status == Statuses.Done).Select(s => s.Seconds));
        // Other inputs under the same key are refused by the run itself.
        await Assert.ThrowsAsync<InvalidOperationException>(() => run.Start(planned.Plan with { Fingerprint = new string('0', 64) }));
    }
}
