using Reserves.Investments.Avr;

namespace Reserves.Investments.Tests;

/// <summary>The 2012 seed: the shipped factor set and the page amounts, checked against the printed page.</summary>
public class SeedAvrTests
{
    private static readonly AvrFactorSet Set2012 = AvrFactorSetReader.Shipped(2012)!;

    [Fact]
    public void SeedPageHasAllFiftyThreeLines() =>
        Assert.Equal(Enumerable.Range(1, 53).Select(i => i.ToString()), SeedAvrPage.Rows.Select(r => r.Line));

    [Fact]
    public void ShippedFactorsAreThoseOfTheSeedPage()
    {
        foreach (var row in SeedAvrPage.Rows)
        {
            var line = Set2012.Line(row.Line);
            Assert.Equal(row.Description.Replace(" - ", "-").Replace("Short - Term", "Short-Term"), line.Description.Replace(" - ", "-"));
            Assert.Equal(row.Designation, line.Designation is "ET" ? "" : line.Designation ?? "");
            var printed = (row.Columns[4], row.Columns[6], row.Columns[8]);
            if (line.Restructured is { } rule)
                Assert.Equal(printed, (rule.Shares.BasicContribution, rule.Shares.ReserveObjective, rule.Shares.Maximum));
            else if (line.Factors is { } f)
                Assert.Equal(printed, (f.BasicContribution, f.ReserveObjective, f.Maximum));
            else
                Assert.Equal(((decimal?)null, (decimal?)null, (decimal?)null), printed);
            Assert.Equal(row.Raw[4].EndsWith("(a)"), line.Eaf);
        }
    }

    [Fact]
    public void SeedBalancesReproduceEveryAmountOfThePageToTheDollar()
    {
        var holdings = HoldingCsvReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "Data", "holdings-2012-seed.csv")).Records;
        var page = AvrCalculator.Compute(holdings, Set2012);
        foreach (var row in SeedAvrPage.Rows)
        {
            var line = page.Lines.Single(l => l.Definition.Line == row.Line);
            decimal? Printed(decimal value) => value == 0 ? null : Math.Round(value, 0, MidpointRounding.AwayFromZero);
            Assert.Equal(row.Columns[0], Printed(line.Bacv));
            Assert.Equal(row.Columns[3], Printed(line.Balance));
            Assert.Equal(row.Columns[5], Printed(line.Amounts.BasicContribution));
            Assert.Equal(row.Columns[7], Printed(line.Amounts.ReserveObjective));
            Assert.Equal(row.Columns[9], Printed(line.Amounts.Maximum));
        }
        // The sub-component amounts are the unrounded sums of printed balance x printed factor over lines 1-33.
        var detail = SeedAvrPage.Rows.Where(r => int.Parse(r.Line) <= 33 && r.Columns[4] is not null).ToList();
        decimal Sum(int factor) => detail.Sum(r => (r.Columns[3] ?? 0) * r.Columns[factor]!.Value);
        Assert.Equal(new AvrTriple(Sum(4), Sum(6), Sum(8)), page.SubComponent(AvrSubComponent.DefaultOther));
    }
}
