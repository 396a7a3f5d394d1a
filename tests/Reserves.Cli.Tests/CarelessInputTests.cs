namespace Reserves.Cli.Tests;

/// <summary>What a careless command line or file used to do (overwrite an input, crash, drop rows), now
/// refused.</summary>
public class CarelessInputTests
{
    private static string Sample(string name) => Path.Combine(ReservesProcess.Samples, name);

    private static string Copy(string dir, string name)
    {
        var path = Path.Combine(dir, name);
        File.Copy(Sample(name), path);
        return path;
    }

    [Fact]
    public async Task AnOutputThatIsAnInputOrAnotherOutputIsRefusedAndNothingIsWritten()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var policies = Copy(dir, "policies.csv");
        var before = File.ReadAllBytes(policies);
        string[] common = ["crvm", "--policies", "policies.csv", "--bases", Sample("bases.json"), "--valuation-date",
            "2012-12-31"];

        var overwrite = await ReservesProcess.RunAsync(dir, [.. common, "--out", "./policies.csv"]);
        Assert.True(overwrite.ExitCode == 2, overwrite.Error);
        Assert.Contains("--out is the same file as --policies", overwrite.Error);
        Assert.Equal(before, File.ReadAllBytes(policies));

        File.CreateSymbolicLink(Path.Combine(dir, "alias.csv"), policies);
        var alias = await ReservesProcess.RunAsync(dir, [.. common, "--out", "alias.csv"]);
        Assert.True(alias.ExitCode == 2, alias.Error);
        Assert.Equal(before, File.ReadAllBytes(policies));

        var twice = await ReservesProcess.RunAsync(dir, [.. common, "--out", "r.csv", "--exhibit", "r.csv"]);
        Assert.True(twice.ExitCode == 2, twice.Error);
        Assert.Contains("--exhibit is the same file as --out", twice.Error);
        Assert.False(File.Exists(Path.Combine(dir, "r.csv")));
    }

    [Fact]
    public async Task AnOutputDirectoryHoldingAnInputIsRefused()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        Directory.CreateDirectory(Path.Combine(dir, "out"));
        var prior = Path.Combine(dir, "out", "imr-carryforward.csv");
        File.Copy(Sample("imr-prior.csv"), prior);
        var r = await ReservesProcess.RunAsync(dir, "imr", "--disposals", Sample("disposals.csv"), "--statement-date",
            "2012-12-31",
            "--prior", prior, "--out", "out");
        Assert.True(r.ExitCode == 2, r.Error);
        Assert.Contains("--out holds the input of --prior", r.Error);
        Assert.Equal(["imr-carryforward.csv"], Directory.GetFiles(Path.Combine(dir, "out")).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("--shard-size -5 is outside 1-250,000", "run", "--shard-size", "-5")]
    [InlineData("--external-shards 5000 is outside 0-1,000", "run", "--external-shards", "5000")]
    [InlineData("--concurrency 0 is outside 1-256", "load", "--concurrency", "0")]
    [InlineData("--shard-count 0 is outside 1-1,000", "worker", "--shard-count", "0")]
    public async Task NumberOptionsOutsideTheirRangeExitTwo(string message, string command, string option, string value)
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var r = await ReservesProcess.RunAsync(dir, command, option, value);
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}: {r.Error}");
        Assert.Contains(message, r.Error);
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }

    [Fact]
    public async Task AnUnclosedQuoteInHoldingsIsALocatedErrorNotAShortBook()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var lines = File.ReadAllLines(Sample("holdings.csv"));
        lines[3] = "\"" + lines[3];
        File.WriteAllLines(Path.Combine(dir, "h.csv"), lines);
        var r = await ReservesProcess.RunAsync(dir, "avr", "--holdings", "h.csv", "--statement-year", "2012", "--out",
            "out");
        Assert.True(r.ExitCode == 2, r.Error);
        Assert.Contains("h.csv:4:1", r.Error);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }

    [Fact]
    public async Task ABasisLabelLikeAFormulaIsWrittenAsText()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var bases = File.ReadAllText(Sample("bases.json"));
        var labelled = System.Text.RegularExpressions.Regex.Replace(bases, "\"label\"\\s*:\\s*\"[^\"]*\"",
            "\"label\": \"=HYPERLINK(\\\"http://x\\\")\"", System.Text.RegularExpressions.RegexOptions.None,
            TimeSpan.FromSeconds(1));
        File.WriteAllText(Path.Combine(dir, "bases.json"), labelled);
        var r = await ReservesProcess.RunAsync(dir, "crvm", "--policies", Sample("policies.csv"), "--bases",
            "bases.json",
            "--valuation-date", "2012-12-31", "--out", "r.csv", "--exhibit", "e.csv");
        Assert.True(r.ExitCode == 0, r.Error);
        var exhibit = File.ReadAllText(Path.Combine(dir, "e.csv"));
        Assert.Contains(",\"'=HYPERLINK(\"\"http://x\"\")", exhibit);
        Assert.DoesNotContain(",=HYPERLINK", exhibit);
    }

    [Fact]
    public async Task ARunOnAStateDirectoryInUseIsToldWhichProcessHoldsIt()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        await using var server = new LiveProcess(dir, "serve", "orchestrator", "--port", "0", "--silo-port", "0",
            "--state", "shared");
        server.WaitFor("listening on", TimeSpan.FromMinutes(1));
        var r = await ReservesProcess.RunAsync(dir, [.. RunCommandTests.RunArgs("out"), "--embedded", "--state",
            "shared"]);
        Assert.True(r.ExitCode == 1, $"exit {r.ExitCode}: {r.Error}");
        Assert.Contains("the state directory shared is in use by process", r.Error);
        Assert.DoesNotContain("   at ",
            r.Error);                                          // a message, not a stack trace
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }

    [Fact]
    public async Task AServerWithoutAnInputsRootRefusesPathsAndSaysToUpload()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var port = Orchestrator.OrchestratorHost.FreePort();
        await using var server = new LiveProcess(dir, "serve", "orchestrator", "--port", $"{port}", "--silo-port", "0",
            "--state", "s");
        server.WaitFor("listening on", TimeSpan.FromMinutes(1));
        var r = await ReservesProcess.RunAsync(dir, [.. RunCommandTests.RunArgs("out"), "--server",
            $"http://127.0.0.1:{port}"]);
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}: {r.Error}");
        Assert.Contains("takes no inputs by path: upload the files", r.Error);
        Assert.DoesNotContain(ReservesProcess.Samples, r.Error);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }

    [Fact]
    public async Task ARunWhoseExhibitSetExceedsOneMessageIsStillWritten()
    {
        // 60,000 disposals: every input check passes, and the exhibit set (every disposal's amortization rows) is
        // about 80 MB, above the 64 MiB message limit; it is downloaded in pieces rather than failing after the run.
        var dir = Directory.CreateTempSubdirectory().FullName;
        var book = await ReservesProcess.RunAsync(dir, "bench", "--policies", "1000", "--holdings", "100",
            "--disposals", "60000",
            "--write-inputs", "in", "--tables", ReservesProcess.TableDirectory);
        Assert.True(book.ExitCode == 0, book.Output + book.Error);
        string In(string name) => Path.Combine(dir, "in", name);
        var r = await ReservesProcess.RunAsync(dir, "run", "--company", "Large IMR Life", "--valuation-date",
            "2012-12-31",
            "--policies", In("policies.csv"), "--bases", In("bases.json"), "--holdings", In("holdings.csv"),
            "--disposals", In("disposals.csv"), "--out", "out", "--embedded", "--state", "s",
            "--tables", ReservesProcess.TableDirectory);
        Assert.True(r.ExitCode == 0, r.Output + r.Error);
        Assert.True(new FileInfo(Path.Combine(dir, "out", "exhibit-set.json")).Length > 64L * 1024 * 1024);
    }
}
