using System.Diagnostics;
using System.Globalization;
using Reserves.Actuarial.Bases;
using Reserves.Actuarial.Policies;
using Reserves.Actuarial.Reserves;
using Reserves.Actuarial.Tables;
using Reserves.Contracts.Valuation.V1;
using Reserves.Exhibits;
using Reserves.Inputs;
using Reserves.ServiceHosting;

namespace Reserves.Cli;

/// <summary>One shard of a run's in-force, for a worker of the batch fan-out Job.</summary>
public sealed record WorkerShard(string Server, string Company, DateOnly ValuationDate, string RunId, string PoliciesPath, string BasesPath,
    int ShardIndex, int ShardCount, string? TablesDirectory, string ShardSecretPath);

/// <summary>
/// `reserves worker`: values one shard of a large in-force file in this process (policy row r, counted from 0, belongs
/// to shard r mod N, as the run planned it) and hands its per-basis sums to the run (SubmitShard). Sending a shard twice
/// is harmless, so a Job may retry a pod.
/// </summary>
public static class WorkerJob
{
    public static async Task<int> RunAsync(WorkerShard shard, TextWriter output, CancellationToken cancellationToken)
    {
        if (shard.ShardCount < 1) throw new InvalidInputException([new InputError("--shard-count", null, null, "shard-count", "must be at least 1")]);
        if (shard.ShardIndex < 0 || shard.ShardIndex >= shard.ShardCount)
            throw new InvalidInputException([new InputError("--shard-index", null, null, "shard-index", $"must be between 0 and {shard.ShardCount - 1}")]);
        byte[] secret;
        try
        {
            secret = ShardSignature.ReadFile(shard.ShardSecretPath);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new InvalidInputException([new InputError("--shard-secret-file", null, null, "shard-secret-file",
                e.Message)]);
        }
        var watch = Stopwatch.StartNew();
        var policiesBytes = await File.ReadAllBytesAsync(shard.PoliciesPath, cancellationToken);
        var basesBytes = await File.ReadAllBytesAsync(shard.BasesPath, cancellationToken);
        var bases = BasesJsonReader.Read(basesBytes, Path.GetFileName(shard.BasesPath));
        var file = PolicyCsvReader.Read(policiesBytes, Path.GetFileName(shard.PoliciesPath));
        var mine = new List<Policy>(file.Records.Count / shard.ShardCount + 1);
        for (var r = shard.ShardIndex; r < file.Records.Count; r += shard.ShardCount) mine.Add(file.Records[r]);

        var tables = new TableLibrary(shard.TablesDirectory);
        PolicyReserve[] reserves;
        try
        {
            reserves = new BlockValuation(tables).Value(mine, bases.ToDictionary(b => b.Id), shard.ValuationDate, file.Source);
        }
        catch (InvalidInputException e)
        {
            throw new InvalidInputException(e.Errors.Select(file.Locate).ToList());
        }
        var request = new SubmitShardRequest
        {
            Key = new RunKey { Company = shard.Company, ValuationDate = shard.ValuationDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), RunId = shard.RunId },
            ShardIndex = shard.ShardIndex,
            ShardCount = shard.ShardCount,
            PoliciesSha256 = Orchestrator.Front.RunPlanner.Sha256(policiesBytes),
            BasesSha256 = Orchestrator.Front.RunPlanner.Sha256(basesBytes),
            Policies = mine.Count,
            Seconds = watch.Elapsed.TotalSeconds,
            TablesSha256 = Orchestrator.Front.RunPlanner.TablesSha256(bases, tables),
            SoftwareVersion = Orchestrator.OrchestratorHost.SoftwareVersion,
        };
        request.Sums.AddRange(LifeReserveExhibit.Totals(reserves).Select(Crvm.Service.ContractMapping.ToContract));
        ShardSignature.Sign(secret, request);

        using var channel = ServiceChannels.Create(shard.Server, ClientSecurity.FromEnvironment());
        var run = await new ValuationService.ValuationServiceClient(channel).SubmitShardAsync(request, deadline: DateTime.UtcNow.AddMinutes(5),
            cancellationToken: cancellationToken);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"shard {shard.ShardIndex} of {shard.ShardCount}: {mine.Count:N0} policies valued in {watch.Elapsed.TotalSeconds:F2}s, handed to run {shard.RunId} ({run.Status}, {run.SegmentsDone} of {run.Segments.Count} segments done)"));
        return ExitCodes.Ok;
    }
}
