using System.Runtime.CompilerServices;

namespace Reserves.Actuarial.Reserves;

/// <summary>
/// The policy year containing a valuation date (1 in the first year) and the elapsed fraction f of it: days since
/// the last policy anniversary over the days in that policy year; on an anniversary the new year has begun (f = 0).
/// Anniversaries of a 29 February issue fall on 28 February in common years.
/// </summary>
public readonly record struct PolicyYear(int Year, double ElapsedFraction)
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static PolicyYear At(DateOnly issueDate, DateOnly valuationDate)
    {
        if (valuationDate < issueDate)
            throw new ArgumentOutOfRangeException(nameof(valuationDate), $"valuation date {valuationDate:yyyy-MM-dd} is before the issue date {issueDate:yyyy-MM-dd}");
        var completed = valuationDate.Year - issueDate.Year;
        if (issueDate.AddYears(completed) > valuationDate) completed--;
        var last = issueDate.AddYears(completed);
        var next = issueDate.AddYears(completed + 1);
        var f = (valuationDate.DayNumber - last.DayNumber) / (double)(next.DayNumber - last.DayNumber);
        return new PolicyYear(completed + 1, f);
    }
}
