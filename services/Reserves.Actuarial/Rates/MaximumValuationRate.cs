namespace Reserves.Actuarial.Rates;

/// <summary>
/// The statutory maximum valuation interest rate (Standard Valuation Law section 4a, domain.md 1.6). Rates are
/// decimals (0.055 for 5.5%); decimal arithmetic keeps the quarter-percent rounding exact.
/// </summary>
public static class MaximumValuationRate
{
    public const decimal Step = 0.0025m;
    public const decimal KeepPriorBand = 0.005m;

    /// <summary>Weight W by guarantee duration: 0.50 up to 10 years, 0.45 over 10 to 20, 0.35 over 20.</summary>
    public static decimal Weight(int guaranteeYears) => guaranteeYears switch
    {
        < 0 => throw new ArgumentOutOfRangeException(nameof(guaranteeYears), "guarantee duration must not be negative"),
        <= 10 => 0.50m,
        <= 20 => 0.45m,
        _ => 0.35m,
    };

    /// <summary>I = 0.03 + W (R1 - 0.03) + (W/2)(R2 - 0.09) before rounding, R the lesser of the two averages.</summary>
    public static decimal Unrounded(int guaranteeYears, decimal moody12, decimal moody36)
    {
        var r = Math.Min(moody12, moody36);
        var w = Weight(guaranteeYears);
        var r1 = Math.Min(r, 0.09m);
        var r2 = Math.Max(r, 0.09m);
        return 0.03m + w * (r1 - 0.03m) + w / 2 * (r2 - 0.09m);
    }

    /// <summary>Rounds to the nearest quarter percent (half away from zero).</summary>
    public static decimal RoundToStep(decimal rate) => Math.Round(rate / Step, MidpointRounding.AwayFromZero) * Step;

    /// <summary>
    /// The maximum rate for life insurance: rounded to the nearest 0.25%; when it differs from the prior year's actual
    /// rate by less than 0.5%, the prior rate stands. The issue year selects the Moody's averages (ending June 30 of
    /// the prior year); the caller supplies them.
    /// </summary>
    public static ValuationRate ForLifeInsurance(int guaranteeYears, decimal moody12, decimal moody36, decimal? priorRate = null)
    {
        ValidateRate(moody12, nameof(moody12));
        ValidateRate(moody36, nameof(moody36));
        if (priorRate is { } p) ValidateRate(p, nameof(priorRate));
        var unrounded = Unrounded(guaranteeYears, moody12, moody36);
        var rounded = RoundToStep(unrounded);
        var keepPrior = priorRate is { } prior && Math.Abs(rounded - prior) < KeepPriorBand;
        return new ValuationRate(unrounded, rounded, keepPrior ? priorRate!.Value : rounded, keepPrior);
    }

    /// <summary>
    /// Single-premium immediate annuities: I = 0.03 + 0.80 (R - 0.03), rounded to the nearest 0.25%. The keep-prior-rate
    /// proviso of section 4a is for life insurance only.
    /// </summary>
    public static ValuationRate ForImmediateAnnuity(decimal moody12, decimal moody36)
    {
        ValidateRate(moody12, nameof(moody12));
        ValidateRate(moody36, nameof(moody36));
        var unrounded = 0.03m + 0.80m * (Math.Min(moody12, moody36) - 0.03m);
        var rounded = RoundToStep(unrounded);
        return new ValuationRate(unrounded, rounded, rounded, false);
    }

    private static void ValidateRate(decimal rate, string name)
    {
        if (rate is < 0 or >= 1)
            throw new ArgumentOutOfRangeException(name, $"{name} {rate} must be a decimal rate between 0 and 1 (0.0725 for 7.25%)");
    }
}

/// <summary>The formula's value, its rounding to 0.25%, and the rate that applies after the keep-prior-rate rule.</summary>
public readonly record struct ValuationRate(decimal Unrounded, decimal Rounded, decimal Rate, bool KeptPriorRate);
