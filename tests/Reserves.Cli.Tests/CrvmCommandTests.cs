using Reserves.Crvm.Service;
using Reserves.ServiceHosting;

namespace Reserves.Cli.Tests;

public class CrvmCommandTests
{
    private const string Header = "policy_id,plan,issue_date,issue_age,sex,risk_class,face_amount,gross_premium,premium_years,benefit_years,basis";
    private const string GoodRow = "P1,WL,2010-06-30,35,M,,100000,1500,,,80CSO-550-CRVM";

    private static string Bases => Path.Combine(ReservesProcess.Samples, "bases.json");

    [Fact]
    public async Task InProcessAndServerRunsWriteIdenticalFiles()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var policies = Path.Combine(ReservesProcess.Samples, "policies.csv");
        var local = await ReservesProcess.RunAsync(dir, "crvm", "--policies", policies, "--bases", Bases, "--valuation-date", "2012-12-31",
            "--out", "local.csv", "--exhibit", "local-exhibit.csv");
        Assert.True(local.ExitCode == 0, local.Error);

        await using var app = CrvmServiceHost.Build(new GrpcHostOptions(), ReservesProcess.TableDirectory);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var remote = await ReservesProcess.RunAsync(dir, "crvm", "--policies", policies, "--bases", Bases, "--valuation-date", "2012-12-31",
            "--out", "remote.csv", "--exhibit", "remote-exhibit.csv", "--server", GrpcServiceHost.Address(app));
        Assert.True(remote.ExitCode == 0, remote.Error);

        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "local.csv")), File.ReadAllBytes(Path.Combine(dir, "remote.csv")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "local-exhibit.csv")), File.ReadAllBytes(Path.Combine(dir, "remote-exhibit.csv")));
        Assert.Equal(local.Output, remote.Output);
    }

    public static TheoryData<string, string, string> BadFiles => new()
    {
        { "missing column", Header.Replace(",sex", "") + "\n" + GoodRow.Replace(",M,", ","), "policies.csv:1 (sex): missing column 'sex'" },
        { "bad date", Header + "\n" + GoodRow + "\n" + GoodRow.Replace("P1", "P2").Replace("2010-06-30", "2010-06-31"), "policies.csv:3:3 (issue_date)" },
        { "negative face", Header + "\n" + GoodRow.Replace("100000", "-100000"), "policies.csv:2:7 (face_amount)" },
        { "unknown plan", Header + "\n" + GoodRow.Replace(",WL,", ",VUL,"), "policies.csv:2:2 (plan)" },
        { "unknown sex", Header + "\n" + GoodRow.Replace(",M,", ",X,"), "policies.csv:2:5 (sex)" },
        { "unknown basis", Header + "\n" + GoodRow + "\n" + GoodRow.Replace("P1", "P2").Replace("80CSO-550-CRVM", "90CSO"), "policies.csv:3:11 (basis): unknown basis '90CSO'" },
        { "issue age outside the table", Header + "\n" + GoodRow.Replace(",35,", ",104,"), "policies.csv:2:4 (issue_age): issue age 104 is outside table soa:42" },
        { "valuation before issue", Header + "\n" + GoodRow.Replace("2010-06-30", "2026-01-02"), "policies.csv:2:3 (issue_date): issue date 2026-01-02 is after the valuation date 2025-12-31" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task BadInputIsRefusedWholeNamingFileLineAndColumn(string why, string csv, string expected)
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(dir, "policies.csv"), csv + "\n");
        File.WriteAllText(Path.Combine(dir, "out.csv"), "previous results\n");
        var r = await ReservesProcess.RunAsync(dir, "crvm", "--policies", "policies.csv", "--bases", Bases, "--valuation-date", "2025-12-31",
            "--out", "out.csv", "--exhibit", "exhibit.csv");
        Assert.True(r.ExitCode == 2, $"{why}: exit {r.ExitCode}: {r.Error}");
        Assert.Contains(expected, r.Error);
        Assert.Equal("previous results\n", File.ReadAllText(Path.Combine(dir, "out.csv")));
        Assert.False(File.Exists(Path.Combine(dir, "exhibit.csv")));
        Assert.Equal(["out.csv", "policies.csv"], Directory.GetFiles(dir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task ValuationErrorsFromTheServerPointAtTheFileToo()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(dir, "policies.csv"), Header + "\n" + GoodRow + "\n" + GoodRow.Replace("P1", "P2").Replace(",35,", ",104,") + "\n");
        await using var app = CrvmServiceHost.Build(new GrpcHostOptions(), ReservesProcess.TableDirectory);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var r = await ReservesProcess.RunAsync(dir, "crvm", "--policies", "policies.csv", "--bases", Bases, "--valuation-date", "2025-12-31",
            "--out", "out.csv", "--server", GrpcServiceHost.Address(app));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("policies.csv:3:4 (issue_age): issue age 104 is outside table soa:42", r.Error);
        Assert.False(File.Exists(Path.Combine(dir, "out.csv")));
    }

    [Fact]
    public async Task AMissingTableExitsWithItsOwnCodeAndWritesNothing()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(dir, "bases.json"), """[{ "id": "B", "method": "CRVM", "interest": 0.04, "mortality": { "M": "soa:4242" } }]""");
        File.WriteAllText(Path.Combine(dir, "policies.csv"), Header + "\n" + GoodRow.Replace("80CSO-550-CRVM", "B") + "\n");
        var r = await ReservesProcess.RunAsync(dir, "crvm", "--policies", "policies.csv", "--bases", "bases.json", "--valuation-date", "2025-12-31", "--out", "out.csv");
        Assert.Equal(3, r.ExitCode);
        Assert.Contains("table soa:4242 not found", r.Error);
        Assert.False(File.Exists(Path.Combine(dir, "out.csv")));
    }

    [Fact]
    public async Task ABadBasesFileNamesItsLineAndColumn()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(dir, "bases.json"), "[\n  { \"id\": \"B\", \"method\": \"CRVM\", \"interest\": 0.04, \"timing\": \"daily\", \"mortality\": { \"M\": \"soa:42\" } }\n]");
        File.WriteAllText(Path.Combine(dir, "policies.csv"), Header + "\n" + GoodRow.Replace("80CSO-550-CRVM", "B") + "\n");
        var r = await ReservesProcess.RunAsync(dir, "crvm", "--policies", "policies.csv", "--bases", "bases.json", "--valuation-date", "2025-12-31", "--out", "out.csv");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("bases.json:2:62 (timing): unknown timing 'daily'", r.Error);
    }
}
