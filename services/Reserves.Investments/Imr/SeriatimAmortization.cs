namespace Reserves.Investments.Imr;

/// <summary>
/// The seriatim method (domain.md 3.2): the release of each coupon period is the income the asset would have earned
/// had it been kept (book yield x book value) minus the income it would earn had it been bought back at the sale
/// price (sale yield x repurchased book value, which amortizes to par at the sale yield), up to the expected
/// maturity; period releases are spread over calendar years by days and rounded to cents adding up to the gain.
/// Assets without a coupon (or whose whole gain is nil while a part is routed) release straight-line by days.
/// </summary>
public static class SeriatimAmortization
{
    public const string Method = "seriatim";
    public const string StraightLine = "seriatim-straight-line";

    /// <summary>
    /// The schedule of an IMR part of a disposal (pre-tax and after-tax amounts of that part), with its release through
    /// <paramref name="statementDate"/> (default: the end of the year of sale).
    /// </summary>
    public static AmortizationSchedule Schedule(Disposal d, decimal preTax, decimal afterTax, DateOnly? statementDate = null)
    {
        var through = statementDate ?? new DateOnly(d.DisposalDate.Year, 12, 31);
        // The whole shape and the part through the statement date in one pass: the bond's yields are solved once.
        var shape = new SortedDictionary<int, double>();
        var toDate = new SortedDictionary<int, double>();
        var method = Fill(d, shape, toDate, through);
        return Releases.Schedule(d.DisposalId, method, shape, preTax, afterTax, toDate.Values.Sum());
    }

    /// <summary>Release per calendar year of the whole disposal's gain (or a straight-line shape), counting only the
    /// days through <paramref name="through"/> when given.</summary>
    public static SortedDictionary<int, double> Shape(Disposal d, out string method, DateOnly? through = null)
    {
        var byYear = new SortedDictionary<int, double>();
        if (through is { } cut)
        {
            method = Fill(d, new SortedDictionary<int, double>(), byYear, cut);
            return byYear;
        }
        method = Fill(d, byYear, null, default);
        return byYear;
    }

    private static string Fill(Disposal d, SortedDictionary<int, double> whole, SortedDictionary<int, double>? upTo, DateOnly through)
    {
        if (d.CouponRate is { } coupon && d.CouponFrequency is { } frequency && d.Par > 0 && d.BookValue > 0 && d.Proceeds > 0
            && Math.Abs(d.PreTaxGain) >= 0.01m)
        {
            var bond = new FixedRateBond((double)d.Par, (double)coupon, frequency, d.DisposalDate, d.ExpectedMaturity);
            var book = (double)d.BookValue;
            var sale = (double)d.Proceeds;
            var kept = bond.PeriodIncome(book, bond.PeriodicYield(book));
            var boughtBack = bond.PeriodIncome(sale, bond.PeriodicYield(sale));
            for (var k = 0; k < bond.Periods; k++)
            {
                Releases.SpreadByDays(whole, bond.PeriodStart(k), bond.CouponDates[k], kept[k] - boughtBack[k]);
                if (upTo is not null) Releases.SpreadByDays(upTo, bond.PeriodStart(k), bond.CouponDates[k], kept[k] - boughtBack[k], through);
            }
            return Method;
        }
        Releases.SpreadByDays(whole, d.DisposalDate, d.ExpectedMaturity, 1.0);
        if (upTo is not null) Releases.SpreadByDays(upTo, d.DisposalDate, d.ExpectedMaturity, 1.0, through);
        return StraightLine;
    }
}
