namespace Reserves.Investments.Imr;

/// <summary>
/// A fixed-rate bond from a settlement date to its redemption date: coupon dates counted back from the redemption date
/// in whole months, a first (stub) period from settlement to the next coupon date, and the street price/yield
/// relation with that fractional first period. Accrual convention: actual days within the coupon period
/// (accrued interest = coupon x days since the last coupon date / days in the period).
/// </summary>
public sealed class FixedRateBond
{
    public FixedRateBond(double par, double couponRate, int frequency, DateOnly settlement, DateOnly redemption)
    {
        if (redemption <= settlement) throw new ArgumentOutOfRangeException(nameof(redemption), "redemption must follow settlement");
        Par = par;
        Frequency = frequency;
        Coupon = par * couponRate / frequency;
        Settlement = settlement;
        var months = 12 / frequency;
        var dates = new List<DateOnly>();
        var k = 0;
        DateOnly date;
        while ((date = redemption.AddMonths(-months * k)) > settlement) { dates.Add(date); k++; }
        dates.Reverse();
        CouponDates = dates;
        PreviousCouponDate = redemption.AddMonths(-months * k);
        var periodDays = CouponDates[0].DayNumber - PreviousCouponDate.DayNumber;
        FirstPeriodFraction = (CouponDates[0].DayNumber - settlement.DayNumber) / (double)periodDays;
        AccruedInterest = Coupon * (1 - FirstPeriodFraction);
    }

    public double Par { get; }
    public int Frequency { get; }
    /// <summary>Coupon per period.</summary>
    public double Coupon { get; }
    public DateOnly Settlement { get; }
    /// <summary>Coupon dates after settlement, the last being the redemption date.</summary>
    public IReadOnlyList<DateOnly> CouponDates { get; }
    /// <summary>The last coupon date on or before settlement (counted back from redemption).</summary>
    public DateOnly PreviousCouponDate { get; }
    /// <summary>w: the part of the first period still to run at settlement (1 on a coupon date).</summary>
    public double FirstPeriodFraction { get; }
    public double AccruedInterest { get; }
    public int Periods => CouponDates.Count;

    /// <summary>Clean price at a periodic yield j.</summary>
    public double CleanPrice(double j)
    {
        var v = 1 / (1 + j);
        var discount = Math.Pow(v, FirstPeriodFraction);     // to the first coupon date
        var dirty = 0.0;
        for (var k = 1; k <= Periods; k++)
        {
            dirty += Coupon * discount;
            if (k < Periods) discount *= v;
        }
        dirty += Par * discount;
        return dirty - AccruedInterest;
    }

    /// <summary>
    /// The periodic yield at which the clean price is <paramref name="price"/>: Newton's method on the smooth, decreasing
    /// price curve (to 1e-12 of the price), with bisection as the fallback.
    /// </summary>
    public double PeriodicYield(double price)
    {
        if (!(price > 0)) throw new ArgumentOutOfRangeException(nameof(price), "price must be positive");
        var j = Math.Max(Coupon / Par, 1e-4);
        for (var i = 0; i < 60; i++)
        {
            var f = CleanPrice(j) - price;
            if (Math.Abs(f) <= 1e-12 * price) return j;
            const double h = 1e-7;
            var slope = (CleanPrice(j + h) - CleanPrice(j - h)) / (2 * h);
            var next = j - f / slope;
            if (!double.IsFinite(next) || next <= -0.5 || next >= 1e6) break;
            j = next;
        }
        double lo = -0.5, hi = 1.0;
        while (CleanPrice(hi) > price && hi < 1e6) hi *= 2;
        for (var i = 0; i < 200 && hi - lo > 1e-15; i++)
        {
            var mid = 0.5 * (lo + hi);
            if (CleanPrice(mid) > price) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /// <summary>
    /// Investment income of each coupon period at the periodic yield j for a holder whose carrying value at settlement
    /// is <paramref name="value"/>: the first period earns (value + accrued)((1+j)^w - 1), later ones j x the carrying
    /// value, which accretes or amortizes to par at redemption. The incomes add up to par - value + coupons - accrued.
    /// </summary>
    public double[] PeriodIncome(double value, double j)
    {
        var income = new double[Periods];
        var dirty = value + AccruedInterest;
        income[0] = dirty * (Math.Pow(1 + j, FirstPeriodFraction) - 1);
        var carrying = dirty * Math.Pow(1 + j, FirstPeriodFraction) - Coupon;
        for (var k = 1; k < Periods; k++)
        {
            income[k] = j * carrying;
            carrying = carrying * (1 + j) - Coupon;
        }
        return income;
    }

    /// <summary>Start of period k (0-based): settlement for the first, else the previous coupon date.</summary>
    public DateOnly PeriodStart(int k) => k == 0 ? Settlement : CouponDates[k - 1];
}
