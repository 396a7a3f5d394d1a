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
/// cold, tables and JIT warm), runs it end to end (CSV in, per-policy results and exhibit out; or a full quarter-end
/// run with --embedded or --server), and writes the measurements as JSON.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var policies = new Option<int>("--policies") { Description = "Policies in the synthetic book", DefaultValueFactory = _ => 100_000 };
        var seed = new Option<int>("--seed") { Description = "Random seed (the same seed gives the same book)", DefaultValueFactory = _ => 1 };
        var holdings = new Option<int>("--holdings") { Description = "Holdings in the book", DefaultValueFactory = _ => 10_000 };
        var disposals = new Option<int>("--disposals") { Description = "Disposals in the book", DefaultValueFactory = _ => 2_000 };
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
        double InProcessSeconds,
        double InProcessEndToEndSeconds,
        double CsvReadSeconds,
        double CsvWriteSeconds,
        double EndToEndSeconds,
        string EndToEndMode,
        long PeakWorkingSetBytes,
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

        // Warm the JIT and load the tables, then value the whole book with a cold factor cache.
        new BlockValuation(tables).Value(book.Policies.Take(Math.Min(20_000, policies)).ToList(), bases, SyntheticBook.ValuationDate);
        GC.Collect();
        var watch = Stopwatch.StartNew();
        var reserves = new BlockValuation(tables).Value(book.Policies, bases, SyntheticBook.ValuationDate);
        var inProcess = watch.Elapsed.TotalSeconds;
        GC.KeepAlive(reserves);

        var inputs = writeInputs ?? Directory.CreateTempSubdirectory("reserves-bench-").FullName;
        book.WriteInputs(inputs);
        var output = Directory.CreateTempSubdirectory("reserves-bench-out-").FullName;
        watch.Restart();
        await CrvmJob.RunAsync(Path.Combine(inputs, "policies.csv"), Path.Combine(inputs, "bases.json"), SyntheticBook.ValuationDate, tablesDirectory,
            Path.Combine(output, "reserves.csv"), Path.Combine(output, "exhibit.csv"), null, cancellationToken);
        var endToEndCrvm = watch.Elapsed.TotalSeconds;

        // The parts of that: reading the policies file, writing the per-policy results.
        watch.Restart();
        var read = Actuarial.Policies.PolicyCsvReader.ReadFile(Path.Combine(inputs, "policies.csv"));
        var csvRead = watch.Elapsed.TotalSeconds;
        watch.Restart();
        using (var sink = File.Create(Path.Combine(output, "again.csv"))) Exhibits.CsvOutput.WritePolicyReserves(sink, reserves);
        var csvWrite = watch.Elapsed.TotalSeconds;
        GC.KeepAlive(read);

        var mode = "in-process crvm (CSV in, per-policy results and exhibit out)";
        var endToEnd = endToEndCrvm;
        if (embedded || server is not null)
        {
            string S(string name) => Path.Combine(inputs, name);
            var input = new RunJobInput("Bench Life", SyntheticBook.ValuationDate, $"bench-{seed}-{policies}-{Guid.NewGuid():N}"[..40], S("policies.csv"), S("bases.json"),
                S("holdings.csv"), S("disposals.csv"), S("avr-rollforward.json"), S("imr-prior.csv"), null, null, null, new RunOptions());
            var target = new RunTarget(server, embedded, Path.Combine(output, "state"), tablesDirectory, false);
            watch.Restart();
            var code = await RunJob.RunAsync(input, target, Path.Combine(output, "exhibits"), TextWriter.Null, Console.Error, cancellationToken);
            if (code != ExitCodes.Ok) throw new InvalidOperationException($"the benchmark run failed (exit {code})");
            endToEnd = watch.Elapsed.TotalSeconds;
            mode = embedded ? "full quarter-end run, embedded (silo, SQLite, calculators in process)" : $"full quarter-end run against {server}";
        }
        if (writeInputs is null) Directory.Delete(inputs, true);
        Directory.Delete(output, true);
        return new BenchResult(policies, Environment.ProcessorCount, policies / inProcess, inProcess, endToEndCrvm, csvRead, csvWrite, endToEnd, mode,
            Process.GetCurrentProcess().PeakWorkingSet64, seed, holdings, disposals,
            $"{RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}");
    }
}
