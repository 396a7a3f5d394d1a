using System.Text;
using Reserves.Inputs;
using Reserves.Investments.Avr;

namespace Reserves.Investments.Tests;

public class AvrRuleTests
{
    public static readonly string TestSetFile = Path.Combine(AppContext.BaseDirectory, "Data", "avr-test-2024-twenty.json");
    private static readonly AvrFactorSet Set2012 = AvrFactorSetReader.Shipped(2012)!;
    private static readonly AvrFactorSet Twenty = AvrFactorSetReader.ForYear(2024, TestSetFile);

    private static Holding H(string type, string designation = "", decimal bacv = 1_000_000, string mortgageType = "", string status = "",
        bool exempt = false, decimal related = 0, decimal third = 0) =>
        new("A", Enum.Parse<AssetType>(type, true), designation, exempt, mortgageType, status, bacv, related, third);

    private static AvrLine LineOf(AvrComponents page, string line) => page.Lines.Single(l => l.Definition.Line == line);

    [Fact]
    public void EafMultipliesTheMarkedMortgageLinesOnly()
    {
        var page = AvrCalculator.Compute([H("MortgageLoan", mortgageType: "commercial_other", status: "good_standing"),
            H("MortgageLoan", mortgageType: "residential_other", status: "good_standing")], Set2012, 1.5m);
        Assert.Equal(new AvrTriple(0.0063m * 1.5m, 0.0120m * 1.5m, 0.0190m * 1.5m), LineOf(page, "39").Factors);
        Assert.Equal(new AvrTriple(9_450m, 18_000m, 28_500m), LineOf(page, "39").Amounts);
        Assert.Equal(new AvrTriple(1_300m, 3_000m, 4_000m), LineOf(page, "37").Amounts);
    }

    [Theory]
    [InlineData(1.0, 0.064)]      // 1.90% + 1.50% = 3.40% < 6.4% floor
    [InlineData(2.6, 0.0644)]     // 4.94% + 1.50% = 6.44%
    public void RestructuredLoansFollowFootnoteB(double eaf, double maximum)
    {
        var page = AvrCalculator.Compute([H("MortgageLoan", mortgageType: "farm", status: "restructured")], Set2012, (decimal)eaf);
        var m = (decimal)maximum;
        Assert.Equal(new AvrTriple(0.28m * m, 0.62m * m, m), LineOf(page, "40").Factors);
        Assert.Equal(new AvrTriple(0.28m * m, 0.62m * m, m).Times(1_000_000), LineOf(page, "40").Amounts);
    }

    [Fact]
    public void ScheduleDaMortgagesUseTheMortgageLineFactorsButPrintOnLine52()
    {
        var page = AvrCalculator.Compute([H("ScheduleDaMortgage", mortgageType: "farm", status: "overdue", related: 10_000)], Set2012);
        var line52 = LineOf(page, "52");
        Assert.Null(line52.Factors);
        Assert.Equal(1_010_000m, line52.Balance);
        Assert.Equal(new AvrTriple(0.0420m, 0.0760m, 0.1200m).Times(1_010_000), line52.Amounts);
        Assert.Equal(line52.Amounts, LineOf(page, "53").Amounts);
        Assert.Equal(AvrTriple.Zero, LineOf(page, "51").Amounts);
    }

    [Fact]
    public void TwentyCategoryStructureAndEquityComponentFromAGivenSet()
    {
        var page = AvrCalculator.Compute([H("Bond", "1.A"), H("Bond", "6"), H("CommonStock", bacv: 500_000),
            H("RealEstate", bacv: 2_000_000, related: 100_000, third: 300_000), H("OtherInvested", bacv: -50_000)], Twenty);
        Assert.Equal(new AvrTriple(250m, 500m, 1_000m), LineOf(page, "2.1").Amounts);
        Assert.Equal(new AvrTriple(5_000m, 10_000m, 20_000m), LineOf(page, "2.20").Amounts);
        Assert.Equal(new AvrTriple(0m, 75_000m, 100_000m), page.SubComponent(AvrSubComponent.EquityCommon));
        Assert.Equal(2_400_000m, LineOf(page, "E3").Balance);
        Assert.Equal(new AvrTriple(6_000m - 250m, 180_000m - 7_500m, 240_000m - 10_000m), page.SubComponent(AvrSubComponent.EquityOther));
        Assert.Equal(["E1", "E2", "E3", "E4", "E5"], page.EquityPage.Select(l => l.Definition.Line));
    }

    public static TheoryData<string, string, string, string> Refusals => new()
    {
        { "2012", "Bond|1.A", "naic_designation", "not in the 2012 factor set's structure: six designations" },
        { "2024", "Bond|2", "naic_designation", "not in the 2024 factor set's structure: twenty designation categories" },
        { "2012", "Bond|", "naic_designation", "needs an NAIC designation" },
        { "2012", "Bond|1|-5", "bacv", "negative book/adjusted carrying value is not allowed on line 2" },
        { "2012", "Bond|1|5|rp", "related_party_encumbrances", "line 2 (Highest Quality) takes no related-party encumbrances" },
        { "2012", "PreferredStock|ET", "naic_designation", "not in the 2012 factor set's structure" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void BadHoldingsAreRefusedWithTheirIndexAndField(string year, string holding, string field, string message)
    {
        var p = holding.Split('|');
        var h = H(p[0], p[1], p.Length > 2 ? decimal.Parse(p[2]) : 1000, related: p.Length > 3 ? 10 : 0);
        var e = Assert.Single(Assert.Throws<InvalidInputException>(() =>
            AvrCalculator.Compute([H("Bond", exempt: true), h], year == "2012" ? Set2012 : Twenty)).Errors);
        Assert.Equal((1, field), (e.RecordIndex, e.Field));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void AnAssetTheYearHasNoLineForIsAMissingAssumptionNamingYearAndLine()
    {
        var e = Assert.Throws<AssumptionMissingException>(() => AvrCalculator.Compute([H("CommonStock")], Set2012));
        Assert.Contains("2012", e.Message);
        Assert.Contains("common_stock", e.Message);
    }

    [Fact]
    public void AYearWithoutFactorsIsAMissingAssumptionNamingTheYear()
    {
        var e = Assert.Throws<AssumptionMissingException>(() => AvrFactorSetReader.ForYear(2023, null));
        Assert.Contains("statement year 2023", e.Message);
        Assert.Equal([2012], AvrFactorSetReader.ShippedYears);
    }

    [Fact]
    public void AFactorFileForAnotherYearIsRefused() =>
        Assert.Contains("is for statement year 2024, not 2025",
            Assert.Throws<InvalidInputException>(() => AvrFactorSetReader.ForYear(2025, TestSetFile)).Message);

    [Fact]
    public void MalformedFactorSetsNameTheirPosition()
    {
        var e = Assert.Single(Assert.Throws<InvalidInputException>(() => AvrFactorSetReader.Read(
            new MemoryStream(Encoding.UTF8.GetBytes("{\n \"statement_year\": 2020,\n \"colour\": 1 }")), "f.json")).Errors);
        Assert.Equal(("f.json", 3), (e.Source, e.Line));
        var bad = Assert.Throws<InvalidInputException>(() => AvrFactorSetReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(
            """{ "statement_year": 2020, "source": "x", "designation_structure": "six", "uses_eaf": false, "lines": [ { "line": "9", "description": "t", "sum_of": ["8"] } ] }""")), "f.json"));
        Assert.Contains("sum_of names line '8'", bad.Message);
    }

    [Fact]
    public void AnEafForASetWithoutOneIsRefused()
    {
        var set = Set2012 with { UsesEaf = false };
        Assert.Contains("uses no experience adjustment factor", Assert.Throws<InvalidInputException>(() => AvrCalculator.Compute([], set, 1.1m)).Message);
    }

    [Fact]
    public void ExemptObligationsMayCarryAnyNaic1Category() =>
        Assert.Empty(HoldingRules.Check(H("Bond", "1.A", exempt: true)));

    [Fact]
    public void ZeroHoldingsGiveZero()
    {
        var page = AvrCalculator.Compute([], Set2012);
        Assert.All(page.Lines, l => Assert.Equal((0m, AvrTriple.Zero), (l.Balance, l.Amounts)));
        var roll = AvrRollForward.Compute(page, new Dictionary<AvrSubComponent, AvrRollForwardInput>());
        Assert.All(Enumerable.Range(1, 16), line => Assert.Equal(0m, roll.Total(line)));
    }
}
