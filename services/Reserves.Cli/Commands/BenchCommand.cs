using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Reserves.Actuarial.Reserves;
using Reserves.Actuarial.Tables;
using Reserves.Bench;
using Reserves.Contracts.Valuation.V1;

namespace Reserves.Cli.Commands;

/// <summary>
/// `reserves bench`: generates a reproducible synthetic book, values it in-process (policies per second, factor cache
/// cold, tables and JIT warm), runs it end to end from its files as child processes (`reserves crvm`: CSV in, per-policy
/// results and exhibit out; and with --embedded or --server the full quarter-end run, `reserves run`), and writes the
/// measurements as JSON.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var policies = new Option<int>("--policies")
        {
            Description = "Policies in the synthetic book",
            DefaultValueFactory = _ => 100_000
        }.Within(1, 100_000_000);
        var seed = new Option<int>("--seed") { Description = "Random seed (the same seed gives the same book)", DefaultValueFactory = _ => 1 };
        var holdings = new Option<int>("--holdings")
        {
            Description = "Holdings in the book",
            DefaultValueFactory = _ => 10_000
        }.Within(0, 10_000_000);
        var disposals = new Option<int>("--disposals")
        {
            Description = "Disposals in the book",
            DefaultValueFactory = _ => 2_000
        }.Within(0, 10_000_000);
        var embedded = new Option<bool>("--embedded") { Description = "Measure a full quarter-end run on the embedded default" };
        var server = new Option<string?>("--server") { Description = "Measure a full quarter-end run against this front door" };
        var json = new Option<string?>("--json") { Description = "Write the measurements to this JSON file" };
        var writeInputs = new Option<string?>("--write-inputs") { Description = "Write the generated input files to this directory" };
        var tables = CommonOptions.Tables();
        var command = new Command("bench", "Measure valuation speed on a reproducible synthetic book")
        {
            policies, seed, holdings, disposals, embedded, server, json, writeInputs, tables,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var result = await RunAsync(parse.GetValue(policies), parse.GetValue(seed), parse.GetValue(holdings), parse.GetValue(disposals),
                    parse.GetValue(embedded), parse.GetValue(server), parse.GetValue(writeInputs), RepositoryPaths.TableDirectory(parse.GetValue(tables)), cancellationToken);
                var text = JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });
                if (parse.GetValue(json) is { } path) await File.WriteAllTextAsync(path, text + "\n", cancellationToken);
                Console.WriteLine(text);
                return ExitCodes.Ok;
            }
            catch (Exception e)
            {
                return ExitCodes.Report(e, Console.Error);
            }
        });
        return command;
    }

    public sealed record BenchResult(
        int Policies,
        int Cores,
        double InProcessPoliciesPerSecond,
        double EndToEndSeconds,
        long PeakWorkingSetBytes,
        string EndToEndMode,
        double InProcessSeconds,
        double CsvEndToEndSeconds,
        long CsvEndToEndPeakWorkingSetBytes,
        double? FullRunSeconds,
        long? FullRunPeakWorkingSetBytes,
        double CsvReadSeconds,
        double CsvWriteSeconds,
        long BenchPeakWorkingSetBytes,
        int Seed,
        int Holdings,
        int Disposals,
        string Machine);

    public static async Task<BenchResult> RunAsync(int policies, int seed, int holdings, int disposals, bool embedded, string? server, string? writeInputs,
        string? tablesDirectory, CancellationToken cancellationToken)
    {
        var tables = new TableLibrary(tablesDirectory);
        var book = SyntheticBook.Generate(policies, seed, tables, holdings, disposals);
        var bases = book.Bases.ToDictionary(b => b.Id);
        var inputs = writeInputs ?? Directory.CreateTempSubdirectory("reserves-bench-").FullName;
        book.WriteInputs(inputs);
        string In(string name) => Path.Combine(inputs, name);
        var output = Directory.CreateTempSubdirectory("reserves-bench-out-").FullName;
        var tableArgs = tablesDirectory is null ? Array.Empty<string>() : ["--tables", tablesDirectory];
        var date = SyntheticBook.ValuationDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            // Warm the JIT and load the tables, then value the whole book with a cold factor cache.
            new BlockValuation(tables).Value(book.Policies.Take(Math.Min(20_000, policies)).ToList(), bases, SyntheticBook.ValuationDate);
            GC.Collect();
            var watch = Stopwatch.StartNew();
            var reserves = new BlockValuation(tables).Value(book.Policies, bases, SyntheticBook.ValuationDate);
            var inProcess = watch.Elapsed.TotalSeconds;
            GC.KeepAlive(reserves);
            // The runs below start from the files alone: the book goes (and the parts are timed after them, so that
            // their writes are not on the disk while the runs write theirs).
            reserves = null;
            book = null;
            // Aggressive: the freed heap goes back to the system, for the child processes to use.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

            // End to end, each as its own process from the files alone, as an actuary runs them.
            var csv = await Child(["crvm", "--policies", In("policies.csv"), "--bases", In("bases.json"), "--valuation-date", date,
                "--out", Path.Combine(output, "reserves.csv"), "--exhibit", Path.Combine(output, "exhibit.csv"), .. tableArgs], cancellationToken);
            File.Delete(Path.Combine(output, "reserves.csv"));
            ChildRunResult? full = null;
            if (embedded || server is not null)
            {
                string[] target = server is not null ? ["--server", server] : ["--embedded", "--state", Path.Combine(output, "state"), .. tableArgs];
                full = await Child(["run", "--company", "Bench Life", "--valuation-date", date, "--run-id", $"bench-{seed}-{policies}-{Guid.NewGuid():N}"[..40],
                    "--policies", In("policies.csv"), "--bases", In("bases.json"), "--holdings", In("holdings.csv"), "--disposals", In("disposals.csv"),
                    "--prior-avr", In("avr-rollforward.json"), "--prior-imr", In("imr-prior.csv"), "--out", Path.Combine(output, "exhibits"), .. target],
                    cancellationToken);
            }

            // The parts of a valuation from files: reading the policies file, writing the per-policy results.
            watch.Restart();
            var read = Actuarial.Policies.PolicyCsvReader.ReadFile(In("policies.csv"));
            var csvRead = watch.Elapsed.TotalSeconds;
            var valued = new BlockValuation(tables).Value(read.Records, bases, SyntheticBook.ValuationDate);
            read = null;
            watch.Restart();
            using (var sink = File.Create(Path.Combine(output, "parts.csv"))) Exhibits.CsvOutput.WritePolicyReserves(sink, valued);
            var csvWrite = watch.Elapsed.TotalSeconds;
            GC.KeepAlive(valued);

            var mode = full is null ? "reserves crvm: CSV in, per-policy results and exhibit out"
                : embedded ? "reserves run --embedded: full quarter-end run (silo, SQLite, calculators in process)"
                : $"reserves run --server {server}: full quarter-end run";
            return new BenchResult(policies, Environment.ProcessorCount, policies / inProcess, (full ?? csv).Seconds, (full ?? csv).PeakWorkingSetBytes, mode,
                inProcess, csv.Seconds, csv.PeakWorkingSetBytes, full?.Seconds, full?.PeakWorkingSetBytes, csvRead, csvWrite,
                Process.GetCurrentProcess().PeakWorkingSet64, seed, holdings, disposals,
                $"{RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}");
        }
        finally
        {
            if (writeInputs is null) Directory.Delete(inputs, true);
            Directory.Delete(output, true);
        }
    }

    private static async Task<ChildRunResult> Child(string[] args, CancellationToken cancellationToken)
    {
        var result = await ChildProcessRun.RunAsync(args, cancellationToken);
        if (result.ExitCode != ExitCodes.Ok)
            throw new InvalidOperationException($"the benchmark's `reserves {args[0]}` failed (exit {result.ExitCode}): {result.Error.Trim()}");
        return result;
    }
}
