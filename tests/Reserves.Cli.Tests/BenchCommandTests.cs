using System.Text.Json.Nodes;

namespace Reserves.Cli.Tests;

/// <summary>`reserves bench` as a user runs it: a small book, the full run on the embedded default, the report and the inputs.</summary>
public class BenchCommandTests
{
    [Fact]
    public async Task TheReportMeasuresWhatRanAndTheSameSeedWritesTheSameBook()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var r = await ReservesProcess.RunAsync(dir, "bench", "--policies", "3000", "--holdings", "200", "--disposals", "40", "--seed", "7", "--embedded",
            "--json", "bench.json", "--write-inputs", "book", "--tables", ReservesProcess.TableDirectory);
        Assert.True(r.ExitCode == 0, r.Output + r.Error);
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "bench.json")))!;
        foreach (var key in new[] { "policies", "cores", "in_process_policies_per_second", "end_to_end_seconds", "peak_working_set_bytes" })
            Assert.NotNull(report[key]);
        Assert.Equal((3000, Environment.ProcessorCount), ((int)report["policies"]!, (int)report["cores"]!));
        // The rate is the book over the in-process time; the end-to-end figure is the full run, which took longer.
        Assert.Equal(3000 / (double)report["in_process_seconds"]!, (double)report["in_process_policies_per_second"]!, 6);
        Assert.Equal((double)report["full_run_seconds"]!, (double)report["end_to_end_seconds"]!);
        Assert.InRange((double)report["end_to_end_seconds"]!, (double)report["in_process_seconds"]!, 120);
        Assert.Equal((long)report["full_run_peak_working_set_bytes"]!, (long)report["peak_working_set_bytes"]!);
        // A run of a .NET process with a silo holds tens of megabytes at least, and not gigabytes for this book.
        Assert.InRange((long)report["peak_working_set_bytes"]!, 30L << 20, 4L << 30);
        Assert.InRange((long)report["csv_end_to_end_peak_working_set_bytes"]!, 20L << 20, 4L << 30);
        Assert.Contains("embedded", (string)report["end_to_end_mode"]!);

        var book = Path.Combine(dir, "book");
        var policies = File.ReadAllLines(Path.Combine(book, "policies.csv"));
        Assert.Equal(3001, policies.Length);
        Assert.Equal(201, File.ReadAllLines(Path.Combine(book, "holdings.csv")).Length);
        Assert.Equal(41, File.ReadAllLines(Path.Combine(book, "disposals.csv")).Length);

        // The written book is a valid in-force: `reserves crvm` values it; and the same seed writes the same files.
        var valued = await ReservesProcess.RunAsync(dir, "crvm", "--policies", Path.Combine(book, "policies.csv"), "--bases", Path.Combine(book, "bases.json"),
            "--valuation-date", "2012-12-31", "--out", "reserves.csv");
        Assert.True(valued.ExitCode == 0, valued.Output + valued.Error);
        Assert.Equal(3001, File.ReadAllLines(Path.Combine(dir, "reserves.csv")).Length);
        var again = await ReservesProcess.RunAsync(dir, "bench", "--policies", "3000", "--holdings", "200", "--disposals", "40", "--seed", "7",
            "--write-inputs", "book2", "--tables", ReservesProcess.TableDirectory);
        Assert.True(again.ExitCode == 0, again.Output + again.Error);
        foreach (var file in Directory.GetFiles(book).Select(Path.GetFileName))
            Assert.Equal(File.ReadAllBytes(Path.Combine(book, file!)), File.ReadAllBytes(Path.Combine(dir, "book2", file!)));
    }
}
