namespace Reserves.Investments.Imr;

/// <summary>
/// Releases of one IMR gain by calendar year, pre-tax and after tax, in cents that add up to the gain, and the
/// after-tax release from the sale through the statement date (what a quarter-end run has amortized so far).
/// </summary>
public sealed record AmortizationSchedule(string DisposalId, string Method, IReadOnlyList<YearRelease> Years, decimal AfterTaxToDate)
{
    public decimal PreTaxTotal => Years.Sum(y => y.PreTax);
    public decimal AfterTaxTotal => Years.Sum(y => y.AfterTax);
}

public readonly record struct YearRelease(int Year, decimal PreTax, decimal AfterTax);

/// <summary>Spreads amounts over periods and calendar years, and rounds them to cents that add up exactly.</summary>
public static class Releases
{
    /// <summary>
    /// Adds an amount earned evenly over the days after <paramref name="start"/> up to and including
    /// <paramref name="end"/> to the calendar years of those days (the sale date's income stays with the seller).
    /// </summary>
    public static void SpreadByDays(SortedDictionary<int, double> byYear, DateOnly start, DateOnly end, double amount, DateOnly? through = null)
    {
        var first = start.DayNumber + 1;
        var last = end.DayNumber;
        var days = last - first + 1;
        if (days <= 0) { if (through is null || end <= through) Add(byYear, end.Year, amount); return; }
        var cut = Math.Min(last, through?.DayNumber ?? last);
        for (var year = DateOnly.FromDayNumber(first).Year; year <= end.Year; year++)
        {
            var from = Math.Max(first, new DateOnly(year, 1, 1).DayNumber);
            var to = Math.Min(cut, new DateOnly(year, 12, 31).DayNumber);
            if (to >= from) Add(byYear, year, amount * (to - from + 1) / days);
        }
    }

    private static void Add(SortedDictionary<int, double> byYear, int year, double amount) =>
        byYear[year] = byYear.GetValueOrDefault(year) + amount;

    /// <summary>
    /// Rounds a shape (amounts by year, any scale) to cents so that the cents add up to <paramref name="total"/>: each
    /// year gets total x its share, rounded half away from zero; the remainder goes to the last year.
    /// </summary>
    public static decimal[] ToCents(IReadOnlyList<double> shape, decimal total)
    {
        var sum = shape.Sum();
        var result = new decimal[shape.Count];
        if (shape.Count == 0) return result;
        var allocated = 0m;
        for (var i = 0; i < shape.Count - 1; i++)
        {
            var share = sum == 0 ? 0.0 : shape[i] / sum;
            result[i] = Math.Round(total * (decimal)share, 2, MidpointRounding.AwayFromZero);
            allocated += result[i];
        }
        result[^1] = total - allocated;
        return result;
    }

    /// <summary>
    /// Builds a schedule from a shape by calendar year, for a pre-tax gain and its after-tax amount; the after-tax
    /// release to date is the after-tax gain times <paramref name="toDate"/> over the shape's total, to the cent.
    /// </summary>
    public static AmortizationSchedule Schedule(string disposalId, string method, SortedDictionary<int, double> shape, decimal preTax, decimal afterTax,
        double toDate)
    {
        var years = shape.Keys.ToList();
        var values = shape.Values.ToList();
        var pre = ToCents(values, preTax);
        var post = ToCents(values, afterTax);
        var total = values.Sum();
        var share = total == 0 ? 0 : toDate / total;
        return new AmortizationSchedule(disposalId, method, years.Select((y, i) => new YearRelease(y, pre[i], post[i])).ToList(),
            Math.Round(afterTax * (decimal)share, 2, MidpointRounding.AwayFromZero));
    }
}
