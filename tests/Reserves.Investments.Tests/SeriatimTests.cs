using Reserves.Investments.Imr;

namespace Reserves.Investments.Tests;

public class SeriatimTests
{
    private static Disposal Bond(decimal par, decimal book, decimal proceeds, decimal coupon, int frequency, string sold, string maturity, decimal tax = 0.35m) =>
        new("D1", DisposalAssetType.Bond, DateOnly.Parse(sold), null, "1", "1", false, par, book, proceeds, coupon, frequency,
            DateOnly.Parse(maturity), tax, 0, false, false, null);

    /// <summary>Price of an n-period bond at periodic yield j, on a coupon date (closed form).</summary>
    private static double Price(double par, double coupon, double j, int n) =>
        coupon * (1 - Math.Pow(1 + j, -n)) / j + par * Math.Pow(1 + j, -n);

    [Fact]
    public void DomainExampleTenYearFivePercentBondSoldAtFourPercent()
    {
        var price = Math.Round(Price(1_000_000, 50_000, 0.04, 10), 2);
        Assert.Equal(1_081_108.96, price);
        var d = Bond(1_000_000, 1_000_000, 1_081_108.96m, 0.05m, 1, "2012-12-31", "2022-12-31");
        Assert.Equal(81_108.96m, d.PreTaxGain);
        var s = SeriatimAmortization.Schedule(d, d.PreTaxGain, d.PreTaxGain);
        Assert.Equal(SeriatimAmortization.Method, s.Method);
        Assert.Equal(Enumerable.Range(2013, 10), s.Years.Select(y => y.Year));
        Assert.Equal(6_755.64m, s.Years[0].PreTax);
        for (var k = 1; k < 10; k++)
            Assert.Equal((double)s.Years[k - 1].PreTax * 1.04, (double)s.Years[k].PreTax, 0.011);
        Assert.Equal(81_108.96m, s.PreTaxTotal);
    }

    /// <summary>
    /// Sales on a coupon date, checked with closed forms: the period-k release is j_b P_b(N-k+1) - j_s P_s(N-k+1), each
    /// carrying value being the price of the remaining bond at its own yield.
    /// </summary>
    [Theory]
    [InlineData(1_000_000, 1_040_000, 1_010_000, 0.06, 2, "2015-06-15", "2025-06-15")]   // premium book, semiannual
    [InlineData(1_000_000, 940_000, 980_000, 0.03, 2, "2015-03-01", "2030-03-01")]       // discount book, semiannual
    [InlineData(500_000, 500_000, 470_000, 0.04, 4, "2016-01-15", "2021-01-15")]         // par book, quarterly, loss
    [InlineData(2_000_000, 2_100_000, 1_950_000, 0.055, 1, "2014-09-30", "2029-09-30")]  // premium book, annual, loss
    public void CouponDateSalesMatchClosedForms(double par, double book, double proceeds, double coupon, int frequency, string sold, string maturity)
    {
        var d = Bond((decimal)par, (decimal)book, (decimal)proceeds, (decimal)coupon, frequency, sold, maturity);
        var bond = new FixedRateBond(par, coupon, frequency, d.DisposalDate, d.ExpectedMaturity);
        Assert.Equal(1.0, bond.FirstPeriodFraction);
        var c = par * coupon / frequency;
        var n = bond.Periods;
        var jb = bond.PeriodicYield(book);
        var js = bond.PeriodicYield(proceeds);
        Assert.Equal(book, Price(par, c, jb, n), 6);
        Assert.Equal(proceeds, Price(par, c, js, n), 6);
        var kept = bond.PeriodIncome(book, jb);
        var bought = bond.PeriodIncome(proceeds, js);
        for (var k = 1; k <= n; k++)
        {
            var expected = jb * Price(par, c, jb, n - k + 1) - js * Price(par, c, js, n - k + 1);
            Assert.Equal(expected, kept[k - 1] - bought[k - 1], 6);
        }
        var s = SeriatimAmortization.Schedule(d, d.PreTaxGain, Math.Round(d.PreTaxGain * 0.65m, 2));
        Assert.Equal(d.PreTaxGain, s.PreTaxTotal);
        Assert.Equal(Math.Round(d.PreTaxGain * 0.65m, 2), s.AfterTaxTotal);
        Assert.Equal(d.ExpectedMaturity.Year, s.Years[^1].Year);
    }

    [Fact]
    public void SaleBetweenCouponDatesUsesTheStubPeriodAndSpreadsByDays()
    {
        // 5% semiannual, coupons 15 Jan / 15 Jul; sold 15 Apr 2013: 90 of 181 days to run in the first period.
        var d = Bond(1_000_000, 1_000_000, 1_050_000, 0.05m, 2, "2013-04-15", "2023-01-15");
        var bond = new FixedRateBond(1_000_000, 0.05, 2, d.DisposalDate, d.ExpectedMaturity);
        Assert.Equal(new DateOnly(2013, 1, 15), bond.PreviousCouponDate);
        Assert.Equal(new DateOnly(2013, 7, 15), bond.CouponDates[0]);
        Assert.Equal(91.0 / 181, bond.FirstPeriodFraction, 12);
        Assert.Equal(25_000 * 90.0 / 181, bond.AccruedInterest, 9);
        Assert.Equal(1_050_000, bond.CleanPrice(bond.PeriodicYield(1_050_000)), 6);
        // Book at par between coupon dates: with the stub compounded as (1+j)^w and accrual linear in days, the
        // book yield is close to, not exactly, the coupon rate.
        Assert.Equal(0.025, bond.PeriodicYield(1_000_000), 4);

        var s = SeriatimAmortization.Schedule(d, d.PreTaxGain, d.PreTaxGain);
        Assert.Equal(50_000m, s.PreTaxTotal);
        Assert.Equal(2013, s.Years[0].Year);
        Assert.Equal(2023, s.Years[^1].Year);
        // 2023 holds only 14 days of the last period: a small release.
        Assert.True(s.Years[^1].PreTax > 0 && s.Years[^1].PreTax < s.Years[^2].PreTax / 10);
    }

    [Fact]
    public void PerpetualsAmortizeOverThirtyYears()
    {
        var d = new Disposal("P", DisposalAssetType.PreferredStock, new DateOnly(2012, 6, 30), null, "2", "2", false, 1_000_000, 1_000_000, 1_100_000,
            0.06m, 4, null, 0.35m, 0, false, false, null);
        Assert.Equal(new DateOnly(2042, 6, 30), d.ExpectedMaturity);
        var s = SeriatimAmortization.Schedule(d, d.PreTaxGain, d.PreTaxGain);
        Assert.Equal((2012, 2042), (s.Years[0].Year, s.Years[^1].Year));
        Assert.Equal(100_000m, s.PreTaxTotal);
    }

    [Fact]
    public void WithoutACouponTheGainIsReleasedStraightLineByDays()
    {
        var d = new Disposal("H", DisposalAssetType.DerivativeHedge, new DateOnly(2012, 7, 1), null, "", "", false, 0, 0, 36_600, null, null,
            new DateOnly(2014, 7, 1), 0.35m, 0, false, false, null);
        var s = SeriatimAmortization.Schedule(d, 36_600m, 23_790m);
        Assert.Equal(SeriatimAmortization.StraightLine, s.Method);
        // 730 days from 2 July 2012 through 1 July 2014: 183 in 2012, 365 in 2013, 182 in 2014.
        Assert.Equal([(2012, 9_175.07m), (2013, 18_300m), (2014, 9_124.93m)], s.Years.Select(y => (y.Year, y.PreTax)));
        Assert.Equal(23_790m, s.AfterTaxTotal);
    }
}
