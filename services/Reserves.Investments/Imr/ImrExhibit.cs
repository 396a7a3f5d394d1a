namespace Reserves.Investments.Imr;

/// <summary>One row of the amortization exhibit: columns 1-3 and their sum, column 4 (unrounded).</summary>
public sealed record ImrExhibitRow(int Line, int Year, bool AndLater, decimal PriorReserve, decimal CurrentYearGains, decimal LiabilityAdjustment)
{
    public decimal Balance => PriorReserve + CurrentYearGains + LiabilityAdjustment;
    public string YearLabel => AndLater ? $"{Year} and Later" : Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Lines 1-6 of the IMR page (unrounded), with the pre-tax gains and taxes line 2's caption prints.</summary>
public sealed record ImrPage(decimal PriorReserve, decimal PreTaxGains, decimal Taxes, decimal CurrentYearGains, decimal LiabilityAdjustment,
    decimal Amortization)
{
    public decimal Line1 => PriorReserve;
    public decimal Line2 => CurrentYearGains;
    public decimal Line3 => LiabilityAdjustment;
    public decimal Line4 => Line1 + Line2 + Line3;
    public decimal Line5 => Amortization;
    public decimal Line6 => Line4 - Line5;

    public IReadOnlyList<(string Line, string Description, decimal Amount)> Lines(DateOnly statementDate) =>
    [
        ("1", "Reserve as of December 31, Prior Year", Line1),
        ("2", $"Current year's realized pre-tax capital gains/(losses) of ${Format(PreTaxGains)} transferred into the reserve net of taxes of ${Format(-Taxes)}", Line2),
        ("3", "Adjustment for current year's liability gains/(losses) released from the reserve", Line3),
        ("4", "Balance before reduction for amount transferred to Summary of Operations (Line 1 + Line 2 + Line 3)", Line4),
        ("5", statementDate is { Month: 12, Day: 31 }
            ? "Current year's amortization released to Summary of Operations (Amortization, Line 1, Column 4)"
            : $"Amortization released to Summary of Operations, year to date through {statementDate:yyyy-MM-dd}", Line5),
        ("6", statementDate is { Month: 12, Day: 31 }
            ? "Reserve as of December 31, current year (Line 4 minus Line 5)"
            : $"Reserve as of {statementDate:yyyy-MM-dd} (Line 4 minus Line 5)", Line6),
    ];

    private static string Format(decimal amount)
    {
        var whole = Math.Round(amount, 0, MidpointRounding.AwayFromZero);
        return whole < 0 ? $"({(-whole).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)})"
            : whole.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// The amortization exhibit (domain.md 3.3): row 1 is the statement year, rows 2-30 the following years, row 31 the
/// thirtieth year "and Later" (it takes every later amount). Next year's column 1 is this year's column 4 shifted up
/// one row: the carry-forward.
/// </summary>
public static class ImrExhibit
{
    public const int Rows = 31;

    public static IReadOnlyList<ImrExhibitRow> Build(int statementYear, IEnumerable<YearAmount> prior, IEnumerable<YearAmount> currentYearGains,
        IEnumerable<YearAmount> liabilityAdjustments)
    {
        var columns = new decimal[3, Rows];
        void Place(int column, IEnumerable<YearAmount> amounts)
        {
            foreach (var a in amounts)
            {
                if (a.Year < statementYear) throw new ArgumentOutOfRangeException(nameof(amounts), $"{a.Year} is before the statement year {statementYear}");
                columns[column, Math.Min(a.Year - statementYear, Rows - 1)] += a.Amount;
            }
        }
        Place(0, prior);
        Place(1, currentYearGains);
        Place(2, liabilityAdjustments);
        return Enumerable.Range(0, Rows).Select(r => new ImrExhibitRow(r + 1, statementYear + r, r == Rows - 1, columns[0, r], columns[1, r], columns[2, r])).ToList();
    }

    /// <summary>Column 4 shifted up one row: next year's column 1 (years statement year + 1 to + 30).</summary>
    public static IReadOnlyList<YearAmount> CarryForward(IReadOnlyList<ImrExhibitRow> rows) =>
        rows.Skip(1).Select(r => new YearAmount(r.Year, r.Balance)).ToList();

    /// <summary>
    /// Amortization released through the statement date: row 1 column 4 at year end. At a quarter end, the prior
    /// reserve and liability adjustment scheduled for the year (row 1 columns 1 and 3) are recognised ratably (days
    /// through the statement date over days in the year), and this year's gains by what their schedules released
    /// from the sale through the statement date (<paramref name="currentYearGainsToDate"/>).
    /// </summary>
    public static decimal AmortizationToDate(IReadOnlyList<ImrExhibitRow> rows, DateOnly statementDate, decimal currentYearGainsToDate = 0)
    {
        if (statementDate is { Month: 12, Day: 31 }) return rows[0].Balance;
        var start = new DateOnly(statementDate.Year, 1, 1).DayNumber;
        var elapsed = statementDate.DayNumber - start + 1;
        var days = new DateOnly(statementDate.Year + 1, 1, 1).DayNumber - start;
        var scheduled = rows[0].PriorReserve + rows[0].LiabilityAdjustment;
        return Math.Round(scheduled * elapsed / days, 2, MidpointRounding.AwayFromZero) + currentYearGainsToDate;
    }
}
