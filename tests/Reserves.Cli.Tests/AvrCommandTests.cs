using Reserves.Avr.Service;
using Reserves.ServiceHosting;

namespace Reserves.Cli.Tests;

public class AvrCommandTests
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "Data");
    private const string Header = "asset_id,asset_type,naic_designation,exempt,mortgage_type,mortgage_status,bacv,related_party_encumbrances,third_party_encumbrances";

    private static Dictionary<string, string[]> Csv(string path) =>
        File.ReadAllLines(path).Skip(1).Select(l => l.Split(',')).ToDictionary(c => c[0]);

    [Fact]
    public async Task SeedHoldingsPrintTheSeedPage()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var r = await ReservesProcess.RunAsync(dir, "avr", "--holdings", Path.Combine(Data, "holdings-2012-seed.csv"), "--statement-year", "2012", "--out", "out");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal(["avr-default.csv", "avr-equity.csv", "avr.json"], Directory.GetFiles(Path.Combine(dir, "out")).Select(Path.GetFileName).Order());
        var page = Csv(Path.Combine(dir, "out", "avr-default.csv"));
        Assert.Equal(["207511", "1193189", "1556333"], new[] { page["2"][8], page["2"][10], page["2"][12] });
        Assert.Equal(["474941", "2007999", "2792144"], new[] { page["34"][8], page["34"][10], page["34"][12] });
        Assert.Equal(["8398", "16795", "27992"], new[] { page["53"][8], page["53"][10], page["53"][12] });
        Assert.Equal(53, page.Count);
        Assert.Equal(Reserves.Exhibits.Avr.AvrReportWriter.PageHeader, File.ReadLines(Path.Combine(dir, "out", "avr-equity.csv")).Single());
    }

    [Fact]
    public async Task InProcessAndServerRunsWriteIdenticalFiles()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        string[] args = ["avr", "--holdings", Path.Combine(ReservesProcess.Samples, "holdings.csv"), "--statement-year", "2012", "--eaf", "1.25",
            "--rollforward", Path.Combine(ReservesProcess.Samples, "avr-rollforward.json")];
        var local = await ReservesProcess.RunAsync(dir, [.. args, "--out", "local"]);
        Assert.True(local.ExitCode == 0, local.Error);
        await using var app = AvrServiceHost.Build(new GrpcHostOptions());
        await app.StartAsync(TestContext.Current.CancellationToken);
        var remote = await ReservesProcess.RunAsync(dir, [.. args, "--out", "remote", "--server", GrpcServiceHost.Address(app)]);
        Assert.True(remote.ExitCode == 0, remote.Error);
        foreach (var name in new[] { "avr-default.csv", "avr-equity.csv", "avr-rollforward.csv", "avr.json" })
            Assert.Equal(File.ReadAllText(Path.Combine(dir, "local", name)), File.ReadAllText(Path.Combine(dir, "remote", name)));
        var roll = Csv(Path.Combine(dir, "local", "avr-rollforward.csv"));
        Assert.Equal(16, roll.Count);
    }

    [Fact]
    public async Task AGivenTwentyCategorySetWorksThroughTheServerToo()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(dir, "h.csv"), Header + "\nB1,bond,1.A,false,,,1000000,,\nS1,common_stock,,false,,,200000,,\n");
        await using var app = AvrServiceHost.Build(new GrpcHostOptions());
        await app.StartAsync(TestContext.Current.CancellationToken);
        var r = await ReservesProcess.RunAsync(dir, "avr", "--holdings", "h.csv", "--statement-year", "2024",
            "--factors", Path.Combine(Data, "avr-test-2024-twenty.json"), "--out", "out", "--server", GrpcServiceHost.Address(app));
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal("30000", Csv(Path.Combine(dir, "out", "avr-equity.csv"))["E1"][10]);
    }

    public static TheoryData<string, string, int, string> BadFiles => new()
    {
        { "unknown asset type", "B1,bond,1,false,,,100,,\nB2,bonds,1,false,,,100,,", 2, "h.csv:3:2 (asset_type): 'bonds': asset_type must be one of" },
        { "designation outside the structure", "B1,bond,1,false,,,100,,\nB2,bond,2.B,false,,,100,,", 2, "h.csv:3:3 (naic_designation): designation '2.B' is not in the 2012 factor set's structure" },
        { "negative BACV", "B1,bond,2,false,,,-100,,", 2, "h.csv:2:7 (bacv): a negative book/adjusted carrying value is not allowed on line 3" },
        { "bad amount", "B1,bond,2,false,,,1e5,,", 2, "h.csv:2:7 (bacv): '1e5' is not an amount" },
        { "missing column", "", 2, "h.csv:1 (bacv): missing column 'bacv'" },
        { "asset the year has no line for", "S1,common_stock,,false,,,100,,", 3, "the 2012 AVR factor set has no line for common_stock" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task BadInputIsRefusedWholeAndNothingIsWritten(string why, string rows, int exitCode, string expected)
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var header = why == "missing column" ? Header.Replace(",bacv", "") : Header;
        File.WriteAllText(Path.Combine(dir, "h.csv"), header + "\n" + rows + "\n");
        var r = await ReservesProcess.RunAsync(dir, "avr", "--holdings", "h.csv", "--statement-year", "2012", "--out", "out");
        Assert.True(r.ExitCode == exitCode, $"{why}: exit {r.ExitCode}: {r.Error}");
        Assert.Contains(expected, r.Error);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")) && Directory.EnumerateFileSystemEntries(Path.Combine(dir, "out")).Any());
    }

    [Fact]
    public async Task ABadFactorFileNamesItselfNotTheHoldings()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(dir, "f.json"), "{\n \"statement_year\": 2012,\n \"colour\": 1 }");
        var r = await ReservesProcess.RunAsync(dir, "avr", "--holdings", Path.Combine(Data, "holdings-2012-seed.csv"), "--statement-year", "2012",
            "--factors", "f.json", "--out", "out");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("error: f.json:3:", r.Error);
        Assert.DoesNotContain("holdings-2012-seed.csv", r.Error);
    }

    [Fact]
    public async Task AMissingFactorYearNamesTheYear()
    {
        var r = await ReservesProcess.RunAsync(Path.GetTempPath(), "avr", "--holdings", Path.Combine(Data, "holdings-2012-seed.csv"),
            "--statement-year", "2025", "--out", Path.Combine(Directory.CreateTempSubdirectory().FullName, "out"));
        Assert.Equal(3, r.ExitCode);
        Assert.Contains("no AVR factor set for statement year 2025", r.Error);
    }
}
