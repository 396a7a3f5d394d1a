using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Grpc.Core;
using Reserves.Actuarial.Tables;
using Reserves.Avr.Service;
using Reserves.Bench;
using Reserves.Contracts.Valuation.V1;
using Reserves.Crvm.Service;
using Reserves.Imr.Service;
using Reserves.Orchestrator;
using Reserves.ServiceHosting;
using AvrContracts = Reserves.Contracts.Avr.V1;
using CrvmContracts = Reserves.Contracts.Crvm.V1;
using ImrContracts = Reserves.Contracts.Imr.V1;

namespace Reserves.Cli.Commands;

/// <summary>
/// `reserves load`: a bounded load test on loopback. It starts the embedded services (behind their token), then at
/// once runs several quarter-end runs through the front door and a fixed number of concurrent calculator calls (CRVM,
/// AVR, IMR), and reports throughput, latency, the error count and the process's peak working set. Exit 1 on any error.
/// </summary>
public static class LoadCommand
{
    public sealed record LoadResult(int Cores, int Runs, int RunsDone, int Policies, int Calls, int Concurrency, int Errors, IReadOnlyList<string> ErrorSamples,
        double Seconds, double CallsPerSecond, double CrvmPoliciesPerSecond, double LatencyP50Milliseconds, double LatencyP99Milliseconds,
        double RunSecondsMax, long PeakWorkingSetBytes);

    public static Command Create()
    {
        var runs = new Option<int>("--runs")
        {
            Description = "Concurrent quarter-end runs",
            DefaultValueFactory = _ => 4
        }.Within(1, 64);
        var policies = new Option<int>("--policies")
        {
            Description = "Policies per run (synthetic book)",
            DefaultValueFactory = _ => 20_000
        }.Within(1, 10_000_000);
        var calls = new Option<int>("--calls")
        {
            Description = "Calculator calls in all (a third each to CRVM, AVR "
            + "and IMR)",
            DefaultValueFactory = _ => 300
        }.Within(0, 1_000_000);
        var concurrency = new Option<int>("--concurrency")
        {
            Description = "Calculator calls in flight at once",
            DefaultValueFactory = _ => 16
        }.Within(1, 256);
        var json = new Option<string?>("--json") { Description = "Write the report to this JSON file" };
        var tables = CommonOptions.Tables();
        var command = new Command("load", "Bounded load test on loopback: concurrent runs and calculator calls; reports throughput, errors and peak memory")
        {
            runs, policies, calls, concurrency, json, tables,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var result = await RunAsync(parse.GetValue(runs), parse.GetValue(policies), parse.GetValue(calls), parse.GetValue(concurrency),
                RepositoryPaths.TableDirectory(parse.GetValue(tables)), cancellationToken);
            var text = JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });
            if (parse.GetValue(json) is { } path) await File.WriteAllTextAsync(path, text + "\n", cancellationToken);
            Console.WriteLine(text);
            return result.Errors == 0 && result.RunsDone == result.Runs ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }

    public static async Task<LoadResult> RunAsync(int runs, int policies, int calls, int concurrency, string? tablesDirectory, CancellationToken cancellationToken)
    {
        var tables = new TableLibrary(tablesDirectory);
        var book = SyntheticBook.Generate(policies, 7, tables, holdings: 2_000, disposals: 300);
        var inputs = Directory.CreateTempSubdirectory("reserves-load-").FullName;
        book.WriteInputs(inputs);
        var state = Directory.CreateTempSubdirectory("reserves-load-state-").FullName;
        await using var cluster = await EmbeddedCluster.StartAsync(tablesDirectory, state, cancellationToken);
        using var front = ServiceChannels.Create(cluster.Address, cluster.Security, maxReceiveBytes: 256 * 1024 * 1024);
        using var crvm = ServiceChannels.Create(cluster.Calculators.Crvm, cluster.Security);
        using var avr = ServiceChannels.Create(cluster.Calculators.Avr, cluster.Security);
        using var imr = ServiceChannels.Create(cluster.Calculators.Imr, cluster.Security);

        var crvmRequest = new CrvmContracts.ValueBlockRequest { ValuationDate = "2012-12-31" };
        crvmRequest.Bases.AddRange(book.Bases.Select(ContractMapping.ToContract));
        crvmRequest.Policies.AddRange(book.Policies.Take(1_000).Select(ContractMapping.ToContract));
        var avrRequest = new AvrContracts.ComputeComponentsRequest { Factors = new AvrContracts.FactorSetChoice { StatementYear = 2012 } };
        avrRequest.Holdings.AddRange(book.Holdings.Select(AvrContractMapping.ToContract));
        var imrRequest = new ImrContracts.ComputeImrRequest { StatementDate = "2012-12-31", Method = ImrContractMapping.ToContract(Investments.Imr.AmortizationMethod.Seriatim) };
        imrRequest.Disposals.AddRange(book.Disposals.Select(ImrContractMapping.ToContract));

        var errors = new ConcurrentQueue<string>();
        var latencies = new ConcurrentBag<double>();
        var runSeconds = new ConcurrentBag<double>();
        var watch = Stopwatch.StartNew();

        async Task RunOneAsync(int index)
        {
            var client = new ValuationService.ValuationServiceClient(front);
            InputFile F(string name) => new() { Path = Path.Combine(inputs, name), Name = name };
            var key = new RunKey { Company = $"Load Life {index}", ValuationDate = "2012-12-31", RunId = $"load-{index}-{Guid.NewGuid():N}"[..24] };
            var started = Stopwatch.StartNew();
            try
            {
                await client.StartRunAsync(new StartRunRequest
                {
                    Key = key,
                    Policies = F("policies.csv"),
                    Bases = F("bases.json"),
                    Holdings = F("holdings.csv"),
                    Disposals = F("disposals.csv"),
                    PriorAvr = F("avr-rollforward.json"),
                    PriorImr = F("imr-prior.csv"),
                    Options = new RunOptions { ShardSize = 5_000 },
                }, cancellationToken: cancellationToken);
                using var watchRun = client.WatchRun(key, cancellationToken: cancellationToken);
                Run? last = null;
                await foreach (var e in watchRun.ResponseStream.ReadAllAsync(cancellationToken)) last = e.Run;
                if (last?.Status != "done") errors.Enqueue($"run {key.RunId}: {last?.Status} {last?.Error}");
                else runSeconds.Add(started.Elapsed.TotalSeconds);
            }
            catch (RpcException e) { errors.Enqueue($"run {key.RunId}: {e.StatusCode} {e.Status.Detail}"); }
        }

        async Task CallAsync(int i, CancellationToken token)
        {
            var call = Stopwatch.StartNew();
            try
            {
                switch (i % 3)
                {
                    case 0: await new CrvmContracts.CrvmCalculator.CrvmCalculatorClient(crvm).ValueBlockAsync(crvmRequest, deadline: DateTime.UtcNow.AddMinutes(2), cancellationToken: token); break;
                    case 1: await new AvrContracts.AvrCalculator.AvrCalculatorClient(avr).ComputeComponentsAsync(avrRequest, deadline: DateTime.UtcNow.AddMinutes(2), cancellationToken: token); break;
                    default: await new ImrContracts.ImrCalculator.ImrCalculatorClient(imr).ComputeImrAsync(imrRequest, deadline: DateTime.UtcNow.AddMinutes(2), cancellationToken: token); break;
                }
                latencies.Add(call.Elapsed.TotalMilliseconds);
            }
            catch (RpcException e) { errors.Enqueue($"call {i}: {e.StatusCode} {e.Status.Detail}"); }
        }

        var runTasks = Enumerable.Range(0, runs).Select(RunOneAsync).ToList();
        var callWatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, calls), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, token) => await CallAsync(i, token));
        var callSeconds = callWatch.Elapsed.TotalSeconds;
        await Task.WhenAll(runTasks);
        var seconds = watch.Elapsed.TotalSeconds;

        Directory.Delete(inputs, true);
        var sorted = latencies.Order().ToArray();
        double Percentile(double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        var crvmCalls = (calls + 2) / 3;
        return new LoadResult(Environment.ProcessorCount, runs, runSeconds.Count, policies, calls, concurrency, errors.Count, errors.Take(5).ToList(),
            seconds, calls / callSeconds, crvmCalls * (double)crvmRequest.Policies.Count / callSeconds, Percentile(0.5), Percentile(0.99), runSeconds.DefaultIfEmpty(0).Max(),
            Process.GetCurrentProcess().PeakWorkingSet64);
    }
}
