using System.Runtime.CompilerServices;

namespace Reserves.Exhibits;

/// <summary>
/// The one conversion from actuarial present values (double) to exhibit money (decimal): each figure is rounded to
/// micro-dollars (6 decimals) when it enters a sum, sums are kept in decimal so their order does not matter, and a
/// printed line is rounded to whole dollars half away from zero (domain.md: per line, totals from unrounded sums).
/// </summary>
public static class Money
{
    public const int SumDecimals = 6;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static decimal FromPresentValue(double value) =>
        double.IsFinite(value) ? Math.Round((decimal)value, SumDecimals, MidpointRounding.AwayFromZero)
            : throw new ArgumentOutOfRangeException(nameof(value), $"not a finite amount: {value}");

    public static decimal WholeDollars(decimal amount) => Math.Round(amount, 0, MidpointRounding.AwayFromZero);
}
