using Reserves.Inputs;
using Reserves.ServiceHosting;
using System.Globalization;
using System.Security.Cryptography;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Reserves.Contracts.Valuation.V1;
using Reserves.Exhibits.Set;
using Reserves.Orchestrator;
using Spectre.Console;
using ExhibitSet = Reserves.Exhibits.Set.ExhibitSet;

namespace Reserves.Cli;

/// <summary>The inputs of a quarter-end run as the CLI takes them.</summary>
public sealed record RunJobInput(
    string Company,
    DateOnly ValuationDate,
    string? RunId,
    string Policies,
    string Bases,
    string Holdings,
    string Disposals,
    string? PriorAvr,
    string? PriorImr,
    string? Factors,
    string? LiabilityGains,
    string? GroupedTable,
    RunOptions Options,
    string? ShardSecretFile = null);

/// <summary>Where a run goes: a cluster's front door, or the embedded default started in this process.</summary>
public sealed record RunTarget(string? Server, bool Embedded, string StateDirectory, string? TablesDirectory, bool Upload);

/// <summary>
/// A quarter-end run from files: start it (idempotent by run id), show progress until it ends, fetch the exhibit set
/// and export it (CSV, JSON, XLSX, HTML), whole or not at all.
/// </summary>
public static class RunJob
{
    /// <summary>
    /// The shard secret of a run with external shards: read from the file when it exists (the same command again
    /// watches the same run), else made up and written there, readable by its owner only, for the workers' Secret.
    /// </summary>
    /// <summary>The exhibit set in 1 MiB pieces: a set of any size, where one message is limited to 64 MiB.</summary>
    private static async Task<string> DownloadExhibitSetAsync(ValuationService.ValuationServiceClient client,
        RunKey key,
        CancellationToken cancellationToken)
    {
        using var call = client.DownloadExhibitSet(key, cancellationToken: cancellationToken);
        using var buffer = new MemoryStream();
        await foreach (var chunk in call.ResponseStream.ReadAllAsync(cancellationToken)) chunk.Data.WriteTo(buffer);
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static byte[] ShardSecret(string? path)
    {
        if (path is null)
            throw new InvalidInputException(new InputError(OutputTargets.Source, null, null, "--shard-secret-file",
                "--external-shards needs --shard-secret-file: the run's workers sign their submissions with that "
                    + "secret"));
        if (File.Exists(path))
        {
            try
            {
                return ShardSignature.ReadFile(path);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidInputException(new InputError(Path.GetFileName(path), null, null,
                    "--shard-secret-file", e.Message));
            }
        }
        var secret = ShardSignature.NewSecret();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var file = new FileStream(path, options);
        file.Write(System.Text.Encoding.ASCII.GetBytes(Convert.ToHexStringLower(secret) + "\n"));
        return secret;
    }

    public static async Task<int> RunAsync(RunJobInput input, RunTarget target, string outDirectory, TextWriter output, TextWriter error,
        CancellationToken cancellationToken = default)
    {
        OutputTargets.Check([("--policies", input.Policies), ("--bases", input.Bases), ("--holdings", input.Holdings),
            ("--disposals", input.Disposals), ("--prior-avr", input.PriorAvr), ("--prior-imr", input.PriorImr),
            ("--factors", input.Factors), ("--liability-gains", input.LiabilityGains), ("--grouped-table",
                input.GroupedTable)],
            [], ("--out", outDirectory));
        await using var embedded = target.Embedded ? await EmbeddedCluster.StartAsync(target.TablesDirectory, target.StateDirectory, cancellationToken) : null;
        var address = embedded?.Address ?? target.Server ?? throw new ArgumentException("give --server URL or --embedded");
        using var channel = ServiceChannels.Create(address, embedded?.Security ?? ClientSecurity.FromEnvironment());
        var client = new ValuationService.ValuationServiceClient(channel);
        var files = new (string Role, string? Path)[]
        {
            ("policies", input.Policies), ("bases", input.Bases), ("holdings", input.Holdings), ("disposals", input.Disposals),
            ("prior_avr", input.PriorAvr), ("prior_imr", input.PriorImr), ("factors", input.Factors), ("liability_gains", input.LiabilityGains),
            ("grouped_table", input.GroupedTable),
        };
        foreach (var (_, path) in files)
            if (path is not null && !File.Exists(path)) throw new FileNotFoundException($"input file not found: {path}", path);
        var runId = input.RunId ?? DefaultRunId(files, input.Options);
        var key = new RunKey { Company = input.Company, ValuationDate = input.ValuationDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), RunId = runId };
        var request = new StartRunRequest { Key = key, Options = input.Options };
        if (input.Options.ExternalShards > 0)
            request.ShardSecret = Google.Protobuf.ByteString.CopyFrom(ShardSecret(input.ShardSecretFile));
        foreach (var (role, path) in files)
        {
            if (path is null) continue;
            var file = target.Upload
                ? new InputFile { UploadSha256 = await UploadAsync(client, path, cancellationToken), Name = Path.GetFileName(path) }
                : new InputFile { Path = Path.GetFullPath(path), Name = Path.GetFileName(path) };
            SetInput(request, role, file);
        }

        Run run;
        try
        {
            run = await client.StartRunAsync(request, cancellationToken: cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument && e.GetRpcStatus()?.GetDetail<BadRequest>() is { } bad)
        {
            foreach (var v in bad.FieldViolations) error.WriteLine($"error: {(v.Description.Contains(':') ? v.Description : $"{v.Field}: {v.Description}")}");
            error.WriteLine("the run was not started; nothing was written.");
            return ExitCodes.BadInput;
        }
        output.WriteLine($"run {runId} of {input.Company} at {key.ValuationDate}: {run.Segments.Count} segments, {run.Policies:N0} policies ({run.Status})");

        run = await WatchAsync(client, key, run, output, cancellationToken);
        var reused = run.Segments.Where(s => s.Reused).Select(s => s.SegmentId).ToList();
        if (reused.Count > 0) output.WriteLine($"reused {reused.Count} finished segment(s) without recomputing: {string.Join(", ", reused)}");
        if (run.Status != "done")
        {
            error.WriteLine($"error: the run is {run.Status}: {run.Error}");
            foreach (var s in run.Segments.Where(s => s.Status != "done")) error.WriteLine($"  segment {s.SegmentId}: {s.Status} {s.Error}");
            return ExitCodes.Failure;
        }
        var json = await DownloadExhibitSetAsync(client, key, cancellationToken);
        var set = ExhibitSet.FromJson(json);
        var written = ExhibitSetWriter.WriteAll(outDirectory, set, json);
        var t = set.Summary.Totals;
        output.WriteLine($"life reserves {Exhibits.Money.WholeDollars(t.LifeReserves):N0} (deficiency {Exhibits.Money.WholeDollars(t.DeficiencyReserves):N0}), " +
                         $"AVR {Exhibits.Money.WholeDollars(t.AvrReserve):N0}, IMR {Exhibits.Money.WholeDollars(t.ImrReserve):N0}");
        if (set.Summary.Prior is { } prior)
            output.WriteLine($"change since {prior.PriorValuationDate:yyyy-MM-dd} (run {prior.PriorRunId}): life reserves {Exhibits.Money.WholeDollars(prior.Change.LifeReserves):N0}");
        output.WriteLine($"wrote {written.Count} files to {outDirectory}: {string.Join(", ", written)}");
        return ExitCodes.Ok;
    }

    private static async Task<Run> WatchAsync(ValuationService.ValuationServiceClient client, RunKey key, Run run, TextWriter output, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        // A watch that ended before the run did (a dropped connection, a lost silo, a rolling update) is taken up again;
        // the count of attempts starts over whenever the run moved, so only a cluster that stays unreachable gives up.
        for (var attempt = 0; !IsFinal(run.Status); attempt++)
        {
            var before = run.ToString();
            try
            {
                if (attempt > 0) run = await client.GetRunAsync(key, cancellationToken: cancellationToken);
                run = await WatchOnceAsync(client, key, run, output, started, cancellationToken);
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded && attempt < 8) { }
            if (IsFinal(run.Status)) break;
            if (run.ToString() != before) attempt = 0;
            else if (attempt >= 8) throw new RpcException(new Grpc.Core.Status(StatusCode.Unavailable, "the front door keeps ending the run's progress stream"));
            await Task.Delay(TimeSpan.FromSeconds(1 << Math.Min(attempt, 3)), cancellationToken);
        }
        return run;
    }

    private static async Task<Run> WatchOnceAsync(ValuationService.ValuationServiceClient client, RunKey key, Run run, TextWriter output, DateTime started,
        CancellationToken cancellationToken)
    {
        if (IsFinal(run.Status)) return run;
        using var watch = client.WatchRun(key, cancellationToken: cancellationToken);
        if (Console.IsOutputRedirected || output != Console.Out)
        {
            var reported = new HashSet<string>();
            await foreach (var e in watch.ResponseStream.ReadAllAsync(cancellationToken))
            {
                run = e.Run;
                foreach (var s in run.Segments.Where(s => IsFinal(s.Status) && reported.Add(s.SegmentId)))
                    output.WriteLine($"segment {s.SegmentId} {s.Status}{(s.Reused ? " (reused)" : "")} {s.Policies:N0} policies {s.Seconds:0.00}s {s.Error}".TrimEnd());
            }
            return run;
        }
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var bar = ctx.AddTask("segments", maxValue: Math.Max(1, run.Segments.Count));
                await foreach (var e in watch.ResponseStream.ReadAllAsync(cancellationToken))
                {
                    run = e.Run;
                    var seconds = Math.Max(0.001, (DateTime.UtcNow - started).TotalSeconds);
                    bar.Value = run.Segments.Count(s => IsFinal(s.Status));
                    bar.Description = $"segments {bar.Value:0}/{run.Segments.Count}, {run.PoliciesValued / seconds:N0} policies/s";
                }
                bar.Value = bar.MaxValue;
            });
        return run;
    }

    private static bool IsFinal(string status) => status is "done" or "failed" or "cancelled";

    /// <summary>The same inputs and options give the same run id (so running them again returns the stored run).</summary>
    private static string DefaultRunId((string Role, string? Path)[] files, RunOptions options)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (role, path) in files.Where(f => f.Path is not null))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(role));
            hash.AppendData(SHA256.HashData(File.ReadAllBytes(path!)));
        }
        hash.AppendData(options.ToByteArray());
        return "run-" + Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }

    private static async Task<string> UploadAsync(ValuationService.ValuationServiceClient client, string path, CancellationToken cancellationToken)
    {
        using var call = client.UploadInput(cancellationToken: cancellationToken);
        await using var file = File.OpenRead(path);
        var buffer = new byte[1 << 20];
        int read;
        while ((read = await file.ReadAsync(buffer, cancellationToken)) > 0)
            await call.RequestStream.WriteAsync(new InputChunk { Data = ByteString.CopyFrom(buffer, 0, read) }, cancellationToken);
        await call.RequestStream.CompleteAsync();
        return (await call).Sha256;
    }

    private static void SetInput(StartRunRequest request, string role, InputFile file)
    {
        switch (role)
        {
            case "policies": request.Policies = file; break;
            case "bases": request.Bases = file; break;
            case "holdings": request.Holdings = file; break;
            case "disposals": request.Disposals = file; break;
            case "prior_avr": request.PriorAvr = file; break;
            case "prior_imr": request.PriorImr = file; break;
            case "factors": request.Factors = file; break;
            case "liability_gains": request.LiabilityGains = file; break;
            case "grouped_table": request.GroupedTable = file; break;
            default: throw new ArgumentOutOfRangeException(nameof(role), role, "not an input of a run");
        }
    }
}
