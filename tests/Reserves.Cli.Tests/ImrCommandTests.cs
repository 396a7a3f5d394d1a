using Reserves.Imr.Service;
using Reserves.ServiceHosting;

namespace Reserves.Cli.Tests;

public class ImrCommandTests
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "Data");
    private static string Sample(string name) => Path.Combine(ReservesProcess.Samples, name);
    private static readonly string Header = File.ReadLines(Sample("disposals.csv")).First();

    private static string[] SampleArgs(string outDir) =>
        ["imr", "--disposals", Sample("disposals.csv"), "--statement-date", "2012-12-31", "--prior", Sample("imr-prior.csv"),
         "--liability-gains", Sample("imr-liability-gains.csv"), "--out", outDir];

    private static Dictionary<string, string> Page(string dir) =>
        File.ReadAllLines(Path.Combine(dir, "imr-page.csv")).Skip(1).ToDictionary(l => l[..l.IndexOf(',')], l => l[(l.LastIndexOf(',') + 1)..]);

    [Fact]
    public async Task SampleRunWritesEveryOutput()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var r = await ReservesProcess.RunAsync(dir, SampleArgs("out"));
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal(["imr-amortization.csv", "imr-carryforward.csv", "imr-exhibit.csv", "imr-method-lock.csv", "imr-page.csv", "imr-routing.csv", "imr.json"],
            Directory.GetFiles(Path.Combine(dir, "out")).Select(Path.GetFileName).Order());
        var exhibit = File.ReadAllLines(Path.Combine(dir, "out", "imr-exhibit.csv"));
        Assert.Equal(33, exhibit.Length);
        Assert.StartsWith("31,2042 and Later,", exhibit[31]);
        Assert.StartsWith("32,Total,", exhibit[32]);
        Assert.Equal(31, File.ReadAllLines(Path.Combine(dir, "out", "imr-carryforward.csv")).Length);
        Assert.Equal("gains_year,method\n2012,seriatim\n", File.ReadAllText(Path.Combine(dir, "out", "imr-method-lock.csv")));
        var page = Page(Path.Combine(dir, "out"));
        Assert.InRange(long.Parse(page["4"]) - long.Parse(page["5"]) - long.Parse(page["6"]), -1, 1);
    }

    [Fact]
    public async Task InProcessAndServerRunsWriteIdenticalFiles()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var local = await ReservesProcess.RunAsync(dir, SampleArgs("local"));
        Assert.True(local.ExitCode == 0, local.Error);
        await using var app = ImrServiceHost.Build(new GrpcHostOptions());
        await app.StartAsync(TestContext.Current.CancellationToken);
        var remote = await ReservesProcess.RunAsync(dir, [.. SampleArgs("remote"), "--server", GrpcServiceHost.Address(app)]);
        Assert.True(remote.ExitCode == 0, remote.Error);
        foreach (var file in Directory.GetFiles(Path.Combine(dir, "local")).Select(Path.GetFileName))
            Assert.Equal(File.ReadAllText(Path.Combine(dir, "local", file!)), File.ReadAllText(Path.Combine(dir, "remote", file!)));
    }

    [Fact]
    public async Task NextYearStartsFromTheCarryForwardAndTheLockCarriesOver()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        Assert.Equal(0, (await ReservesProcess.RunAsync(dir, SampleArgs("2012"))).ExitCode);
        File.WriteAllText(Path.Combine(dir, "none.csv"), Header + "\n");
        var next = await ReservesProcess.RunAsync(dir, "imr", "--disposals", "none.csv", "--statement-date", "2013-12-31",
            "--prior", Path.Combine("2012", "imr-carryforward.csv"), "--method-lock", Path.Combine("2012", "imr-method-lock.csv"), "--out", "2013");
        Assert.True(next.ExitCode == 0, next.Error);
        Assert.Equal(Page(Path.Combine(dir, "2012"))["6"], Page(Path.Combine(dir, "2013"))["1"]);
    }

    [Fact]
    public async Task AYearsGainsKeepTheirMethodAcrossRuns()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(dir, "lock.csv"), "gains_year,method\n2012,grouped\n");
        var r = await ReservesProcess.RunAsync(dir, [.. SampleArgs("out"), "--method-lock", "lock.csv"]);
        Assert.Equal(3, r.ExitCode);
        Assert.Contains("the 2012 gains were first amortized with the grouped method", r.Error);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }

    [Fact]
    public async Task GroupedMethodWithATableForTheYearOfSale()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(dir, "d.csv"), Header + "\nG1,bond,2012-05-01,2010-01-01,1,1,false,1000000,1000000,1100000,0.05,2,2015-05-01,0.35,,,,\n");
        File.WriteAllText(Path.Combine(dir, "prior.csv"), "year,amount\n");
        var r = await ReservesProcess.RunAsync(dir, "imr", "--disposals", "d.csv", "--statement-date", "2012-12-31", "--prior", "prior.csv",
            "--method", "grouped", "--grouped-table", Path.Combine(Data, "imr-grouped-test-2012.csv"), "--out", "out");
        Assert.True(r.ExitCode == 0, r.Error);
        // band 2-5 of the test table: 10%, 20%, 20%, 20%, 20%, 10% of the after-tax gain of 65,000
        Assert.Equal(["G1,2012,10000.00,6500.00", "G1,2013,20000.00,13000.00"], File.ReadAllLines(Path.Combine(dir, "out", "imr-amortization.csv")).Skip(1).Take(2));
    }

    public static TheoryData<string, string, string> BadFiles => new()
    {
        { "unknown asset type", "X1,bonds,2012-01-31,,1,1,false,100,100,110,,,2017-01-01,0.21,,,,", "d.csv:2:2 (asset_type)" },
        { "bad date", "X1,bond,2012-02-30,,1,1,false,100,100,110,,,2017-01-01,0.21,,,,", "d.csv:2:3 (disposal_date)" },
        { "outside the statement year", "X1,bond,2011-12-31,,1,1,false,100,100,110,,,2017-01-01,0.21,,,,", "d.csv:2:3 (disposal_date): disposed 2011-12-31: outside the statement year 2012" },
        { "bad coupon frequency", "X1,bond,2012-01-31,,1,1,false,100,100,110,0.05,3,2017-01-01,0.21,,,,", "d.csv:2:12 (coupon_frequency)" },
        { "maturity before sale", "X1,bond,2012-01-31,,1,1,false,100,100,110,0.05,2,2011-01-01,0.21,,,,", "d.csv:2:13 (maturity_date)" },
        { "no tax rate", "X1,bond,2012-01-31,,1,1,false,100,100,110,0.05,2,2017-01-01,,,,,", "d.csv:2:14 (tax_rate): no tax rate" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task BadInputIsRefusedWholeAndNothingIsWritten(string why, string row, string expected)
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(dir, "d.csv"), Header + "\n" + row + "\n");
        var r = await ReservesProcess.RunAsync(dir, "imr", "--disposals", "d.csv", "--statement-date", "2012-12-31", "--prior", Sample("imr-prior.csv"), "--out", "out");
        Assert.True(r.ExitCode == 2, $"{why}: exit {r.ExitCode}: {r.Error}");
        Assert.Contains(expected, r.Error);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }

    [Fact]
    public async Task LiabilityGainsBeforeTheStatementYearPointAtTheirLine()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(dir, "liab.csv"), "year,amount\n2012,-10\n2011,-5\n");
        var r = await ReservesProcess.RunAsync(dir, [.. SampleArgs("out")[..^4], "--liability-gains", "liab.csv", "--out", "out"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("liab.csv:3:1 (year): liability adjustment for 2011 is before the statement year 2012", r.Error);
    }
}
