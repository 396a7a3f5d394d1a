using Reserves.Inputs;
using Reserves.Investments.Avr;
using Reserves.Investments.Imr;

namespace Reserves.Investments.Tests;

public class ImrRuleTests
{
    private static readonly IReadOnlyDictionary<int, GroupedAmortizationTable> TestTable =
        GroupedAmortizationTableReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "Data", "imr-grouped-test-2012.csv"));

    public static Disposal D(string type = "bond", string acquired = "2", string disposed = "2", bool everNaic6 = false, decimal book = 100_000,
        decimal proceeds = 110_000, int daysPastDue = 0, bool foreclosure = false, bool restructured = false, decimal? creditLoss = null,
        string sold = "2012-06-30", string? maturity = "2020-06-30", decimal? coupon = 0.05m, decimal? tax = 0.35m, string id = "D1") =>
        new(id, DisposalCodes.TryParse(type, out var t) ? t : throw new ArgumentException(type), DateOnly.Parse(sold), null, acquired, disposed, everNaic6,
            100_000, book, proceeds, coupon, coupon is null ? null : 2, maturity is null ? null : DateOnly.Parse(maturity), tax, daysPastDue, foreclosure,
            restructured, creditLoss);

    [Theory]
    [InlineData("bond", "2", "3", false, GainRoute.Imr, ImrRouting.Rules.BondWithinOne)]
    [InlineData("bond", "1.A", "2.C", false, GainRoute.Imr, ImrRouting.Rules.BondWithinOne)]
    [InlineData("bond", "1", "3", false, GainRoute.Avr, ImrRouting.Rules.BondMovedMore)]
    [InlineData("short_term_bond", "5", "5", true, GainRoute.Avr, ImrRouting.Rules.BondEverNaic6)]
    [InlineData("bond", "5", "6", false, GainRoute.Avr, ImrRouting.Rules.BondEverNaic6)]
    [InlineData("preferred_stock", "2", "3", false, GainRoute.Imr, ImrRouting.Rules.PreferredWithinOne)]
    [InlineData("preferred_stock", "3", "4", false, GainRoute.Avr, ImrRouting.Rules.PreferredBelowInvestmentGrade)]
    [InlineData("preferred_stock", "1", "3", false, GainRoute.Avr, ImrRouting.Rules.PreferredMovedMore)]
    [InlineData("common_stock", "", "", false, GainRoute.Avr, ImrRouting.Rules.Equity)]
    [InlineData("derivative_hedge", "", "", false, GainRoute.Imr, ImrRouting.Rules.HedgeFollowsItem)]
    [InlineData("derivative_hedge", "1", "4", false, GainRoute.Avr, ImrRouting.Rules.HedgeFollowsItem)]
    public void SecuritiesRouteByDesignation(string type, string acquired, string disposed, bool everNaic6, GainRoute route, string rule) =>
        Assert.Equal((route, rule), ImrRouting.Decide(D(type, acquired, disposed, everNaic6)));

    [Fact]
    public void TheLowestDesignationWhileHeldDecides()
    {
        Assert.Equal(GainRoute.Avr, ImrRouting.Decide(D("preferred_stock", "2", "3") with { LowestDesignationHeld = "4" }).Route);
        Assert.Equal(GainRoute.Avr, ImrRouting.Decide(D("bond", "5", "5") with { LowestDesignationHeld = "6" }).Route);
        Assert.Equal(GainRoute.Imr, ImrRouting.Decide(D("bond", "2", "2") with { LowestDesignationHeld = "3" }).Route);
    }

    [Fact]
    public void QuarterEndAmortizationCountsThisYearsSalesFromTheirSaleDate()
    {
        // A gain realised on 30 March and reported at 31 March has released one day, not 90/366 of its year.
        var sale = D(sold: "2012-03-30", maturity: "2022-03-30", book: 1_000_000, proceeds: 1_050_000, coupon: 0.05m);
        var run = ImrRun.Run([sale], [new YearAmount(2012, 366_000m)], [], new ImrRunOptions(new DateOnly(2012, 3, 31)));
        var schedule = Assert.Single(run.Schedules);
        Assert.InRange(schedule.AfterTaxToDate, 0.01m, schedule.Years[0].AfterTax / 200);
        Assert.Equal(91_000m + schedule.AfterTaxToDate, run.Page.Line5);
        var yearEnd = ImrRun.Run([sale], [new YearAmount(2012, 366_000m)], [], new ImrRunOptions(new DateOnly(2012, 12, 31)));
        Assert.Equal(366_000m + yearEnd.Schedules[0].Years[0].AfterTax, yearEnd.Page.Line5);
        Assert.InRange(yearEnd.Schedules[0].AfterTaxToDate - yearEnd.Schedules[0].Years[0].AfterTax, -0.01m, 0.01m);
    }

    [Fact]
    public void ARunTaxRateMustBeADecimal() =>
        Assert.Contains("tax rate 35 must be a decimal", Assert.Throws<InvalidInputException>(() =>
            ImrRun.Run([D(tax: null)], [], [], new ImrRunOptions(new DateOnly(2012, 12, 31), DefaultTaxRate: 35m))).Message);

    [Fact]
    public void BondsNeedAnExpectedMaturity() =>
        Assert.Contains(DisposalRules.Check(D(maturity: null)), e => e.Field == "maturity_date");

    [Theory]
    [InlineData(90, false, false, GainRoute.Imr, ImrRouting.Rules.MortgageGoodStanding)]
    [InlineData(91, false, false, GainRoute.Avr, ImrRouting.Rules.MortgagePastDue)]
    [InlineData(0, true, false, GainRoute.Avr, ImrRouting.Rules.MortgageForeclosure)]
    [InlineData(0, false, true, GainRoute.Avr, ImrRouting.Rules.MortgageRestructured)]
    public void MortgagesRouteByStatus(int daysPastDue, bool foreclosure, bool restructured, GainRoute route, string rule) =>
        Assert.Equal((route, rule), ImrRouting.Decide(D("mortgage_loan", "", "", daysPastDue: daysPastDue, foreclosure: foreclosure, restructured: restructured)));

    [Fact]
    public void ACreditLossIsSplitOffToTheAvrAfterTax()
    {
        var parts = ImrRouting.Route(D(book: 100_000, proceeds: 90_000, creditLoss: 15_000), 0.35m);
        Assert.Equal(2, parts.Count);
        Assert.Equal((GainRoute.Avr, ImrRouting.Rules.CreditPart, -15_000m, -5_250m, -9_750m, AvrSubComponent.DefaultOther),
            (parts[0].Route, parts[0].Rule, parts[0].PreTaxGain, parts[0].Tax, parts[0].AfterTaxGain, parts[0].AvrSubComponent!.Value));
        Assert.Equal((GainRoute.Imr, 5_000m, 1_750m, 3_250m), (parts[1].Route, parts[1].PreTaxGain, parts[1].Tax, parts[1].AfterTaxGain));
        Assert.Equal(-10_000m, parts.Sum(p => p.PreTaxGain));
    }

    [Fact]
    public void GroupedMethodUsesTheBandOfYearsToMaturity()
    {
        Assert.Equal("6-10", GroupedAmortization.Band(D()));
        Assert.Equal("0", GroupedAmortization.Band(D(maturity: "2012-12-31")));
        Assert.Equal("26+", GroupedAmortization.Band(D(maturity: null)));
        var s = GroupedAmortization.Schedule(D(maturity: "2014-01-15"), 10_000m, 6_500m, TestTable);
        Assert.Equal([(2012, 1_000m), (2013, 2_000m), (2014, 2_000m), (2015, 2_000m), (2016, 2_000m), (2017, 1_000m)], s.Years.Select(y => (y.Year, y.PreTax)));
        Assert.Equal(6_500m, s.AfterTaxTotal);
    }

    [Fact]
    public void AMissingGroupedYearIsAMissingAssumptionNamingIt()
    {
        var e = Assert.Throws<AssumptionMissingException>(() => GroupedAmortization.Schedule(D(sold: "2013-03-31", maturity: "2020-01-01"), 1m, 1m, TestTable));
        Assert.Contains("year of sale 2013", e.Message);
    }

    [Fact]
    public void AGroupedTableWhoseBandDoesNotAddUpToOneIsRefused()
    {
        var e = Assert.Throws<InvalidInputException>(() => GroupedAmortizationTableReader.Read(new StringReader(
            "sale_year,band,year_offset,fraction\n" + string.Join("\n", GroupedAmortization.Bands.Select(b => $"2015,{b},0,{(b == "2-5" ? "0.9" : "1")}"))), "g.csv"));
        Assert.Contains("band 2-5: the fractions add up to 0.9, not 1", e.Message);
    }

    [Fact]
    public void AYearsGainsKeepTheirMethod()
    {
        var options = new ImrRunOptions(new DateOnly(2012, 9, 30), AmortizationMethod.Grouped, GroupedTables: TestTable,
            MethodLock: new Dictionary<int, AmortizationMethod> { [2012] = AmortizationMethod.Seriatim });
        var e = Assert.Throws<AssumptionMissingException>(() => ImrRun.Run([D()], [], [], options));
        Assert.Contains("the 2012 gains were first amortized with the seriatim method", e.Message);
        var first = ImrRun.Run([D()], [], [], options with { Method = AmortizationMethod.Seriatim, MethodLock = null });
        Assert.Equal(AmortizationMethod.Seriatim, first.MethodLock[2012]);
    }

    [Fact]
    public void DisposalsOutsideTheStatementYearOrWithoutATaxRateAreRefused()
    {
        var e = Assert.Throws<InvalidInputException>(() => ImrRun.Run([D(), D(sold: "2012-10-01", id: "D2"), D(tax: null, id: "D3")], [], [],
            new ImrRunOptions(new DateOnly(2012, 9, 30))));
        Assert.Equal([(1, "disposal_date"), (2, "tax_rate")], e.Errors.Select(x => (x.RecordIndex!.Value, x.Field)));
    }

    [Fact]
    public void TheChecksAloneRefuseWhatTheRunRefuses()
    {
        // A run's plan checks the disposals without amortizing them: the same refusals, with the same messages.
        var statement = new DateOnly(2012, 9, 30);
        var cases = new (IReadOnlyList<Disposal> Disposals, ImrRunOptions Options)[]
        {
            ([D(), D(sold: "2012-10-01", id: "D2"), D(tax: null, id: "D3")], new ImrRunOptions(statement)),
            ([D()], new ImrRunOptions(statement, AmortizationMethod.Grouped, GroupedTables: TestTable,
                MethodLock: new Dictionary<int, AmortizationMethod> { [2012] = AmortizationMethod.Seriatim })),
            ([D()], new ImrRunOptions(statement, AmortizationMethod.Grouped)),
            ([D(sold: "2013-03-31", maturity: "2020-01-01")], new ImrRunOptions(new DateOnly(2013, 3, 31), AmortizationMethod.Grouped, GroupedTables: TestTable)),
            ([D()], new ImrRunOptions(statement, DefaultTaxRate: 35m)),
        };
        foreach (var (disposals, options) in cases)
        {
            var run = Record.Exception(() => ImrRun.Run(disposals, [], [], options));
            var check = Record.Exception(() => ImrRun.Check(disposals, [], options));
            Assert.NotNull(run);
            Assert.Equal(run.GetType(), check?.GetType());
            Assert.Equal(run.Message, check!.Message);
        }
        // And the other way: over many valid disposals of every kind (perpetuals, no coupon, between coupon dates,
        // grouped with its table) the checks pass and the run amortizes without an error of its own.
        var random = new Random(5);
        string[] types = ["bond", "short_term_bond", "preferred_stock", "common_stock", "derivative_hedge", "mortgage_loan"];
        foreach (var method in new[] { AmortizationMethod.Seriatim, AmortizationMethod.Grouped })
        {
            var many = Enumerable.Range(0, 300).Select(i =>
            {
                var type = types[i % types.Length];
                var security = type is "bond" or "short_term_bond" or "preferred_stock";
                return D(type: type, acquired: security ? $"{1 + random.Next(3)}" : "", disposed: security ? $"{1 + random.Next(3)}" : "",
                    book: 50_000 + random.Next(100_000), proceeds: 50_000 + random.Next(100_000), daysPastDue: type == "mortgage_loan" ? random.Next(120) : 0,
                    sold: new DateOnly(2012, 1, 1).AddDays(random.Next(270)).ToString("yyyy-MM-dd"),
                    maturity: type == "preferred_stock" && i % 4 == 0 ? null : new DateOnly(2013 + random.Next(25), 1 + random.Next(12), 1 + random.Next(28)).ToString("yyyy-MM-dd"),
                    coupon: i % 7 == 0 ? null : 0.01m * random.Next(1, 9), id: $"V{i:D3}");
            }).ToList();
            var options = new ImrRunOptions(statement, method, GroupedTables: method == AmortizationMethod.Grouped ? TestTable : null);
            var checkedAlone = Record.Exception(() => ImrRun.Check(many, [], options));
            var ran = Record.Exception(() => ImrRun.Run(many, [], [], options));
            Assert.Equal(checkedAlone?.Message, ran?.Message);
            Assert.Null(ran);
        }
        // A grouped run without a table is fine when nothing goes to the IMR.
        ImrRun.Check([D(type: "common_stock", acquired: "", disposed: "", coupon: null, maturity: null)], [], new ImrRunOptions(statement, AmortizationMethod.Grouped));
    }

    [Fact]
    public void ManyDisposalsKeepTheirOrderAndTheirSchedules()
    {
        // Above the parallel threshold: routing and schedules in the order of the disposals, each the schedule it has alone.
        var random = new Random(3);
        var disposals = Enumerable.Range(0, 600).Select(i => D(id: $"D{i:D4}", book: 90_000 + random.Next(20_000), proceeds: 90_000 + random.Next(20_000),
            sold: new DateOnly(2012, 1, 1).AddDays(random.Next(300)).ToString("yyyy-MM-dd"), type: i % 7 == 0 ? "common_stock" : "bond")).ToList();
        var options = new ImrRunOptions(new DateOnly(2012, 12, 31));
        var result = ImrRun.Run(disposals, [], [], options);
        Assert.Equal(disposals.Select(d => d.DisposalId), result.Routing.Select(r => r.DisposalId).Distinct());
        var alone = disposals.SelectMany(d => ImrRun.Run([d], [], [], options).Schedules).ToList();
        Assert.Equal(alone.Count, result.Schedules.Count);
        for (var i = 0; i < alone.Count; i++)
        {
            Assert.Equal(alone[i].DisposalId, result.Schedules[i].DisposalId);
            Assert.Equal(alone[i].Years, result.Schedules[i].Years);
            Assert.Equal(alone[i].AfterTaxToDate, result.Schedules[i].AfterTaxToDate);
        }
    }

    [Fact]
    public void QuarterEndRunsReleaseTheYearsAmortizationRatably()
    {
        var rows = ImrExhibit.Build(2012, [new YearAmount(2012, 366_000m)], [], []);
        Assert.Equal(91_000m, ImrExhibit.AmortizationToDate(rows, new DateOnly(2012, 3, 31)));    // 91 of 366 days
        Assert.Equal(366_000m, ImrExhibit.AmortizationToDate(rows, new DateOnly(2012, 12, 31)));
    }

    [Theory]
    [InlineData("2024-12-31", null, 0, "no INT 23-01 conditions")]
    [InlineData("2024-12-31", 3.5, 400_000, "adjusted general-account")]                 // cap 10% x 5m = 500k > 400k
    [InlineData("2024-12-31", 2.9, 0, "RBC ratio 2.9 is not above")]
    [InlineData("2025-12-31", 3.5, 300_000, "current unadjusted")]                       // 10% x 3m unadjusted
    [InlineData("2027-03-31", 3.5, 0, "expired on 2027-01-01")]
    public void NegativeImrIsNonadmittedUnlessInt2301AdmitsIt(string date, double? rbc, double admitted, string reason)
    {
        var conditions = rbc is null ? null : new Int2301Conditions(5_000_000m, 3_000_000m, (decimal)rbc);
        var a = NegativeImr.Assess(-400_000m, DateOnly.Parse(date), NegativeImrPresentation.NegativeLiability, conditions);
        Assert.Equal((400_000m, (decimal)admitted, 400_000m - (decimal)admitted), (a.Disallowed, a.Admitted, a.Nonadmitted));
        Assert.Contains(reason, a.Reason);
        Assert.Equal(NegativeImrPresentation.NegativeLiability, a.Presentation);
    }
}
