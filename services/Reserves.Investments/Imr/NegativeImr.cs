namespace Reserves.Investments.Imr;

public enum NegativeImrPresentation
{
    /// <summary>Carried as a nonadmitted write-in asset; the change is charged to surplus (the default).</summary>
    NonadmittedAsset,
    /// <summary>Shown as a negative liability.</summary>
    NegativeLiability,
}

/// <summary>
/// The conditions INT 23-01 asks for, given by the company: adjusted general-account capital and surplus, current
/// unadjusted capital and surplus (required from the August 2025 revision on), and the RBC ratio as a multiple of the
/// authorized control level (3.5 for 350%).
/// </summary>
public sealed record Int2301Conditions(decimal AdjustedGeneralAccountCapitalAndSurplus, decimal? CurrentUnadjustedCapitalAndSurplus, decimal RbcRatio);

public sealed record NegativeImrAssessment(decimal NetImr, decimal Disallowed, decimal Admitted, decimal Nonadmitted,
    NegativeImrPresentation Presentation, string Reason);

/// <summary>
/// Negative IMR (domain.md 3.4): a net negative IMR is disallowed and nonadmitted, unless INT 23-01 admits it: RBC
/// above 300% of authorized control level, up to 10% of adjusted general-account capital and surplus and, from the
/// August 2025 revision (statement dates from 2025-09-30), 10% of current unadjusted capital and surplus. The
/// interpretation expires on 2027-01-01: no admission for statement dates on or after it.
/// </summary>
public static class NegativeImr
{
    public static readonly DateOnly Expiry = new(2027, 1, 1);
    public static readonly DateOnly RevisionApplies = new(2025, 9, 30);
    public const decimal RbcThreshold = 3.0m;
    public const decimal Cap = 0.10m;

    public static NegativeImrAssessment Assess(decimal netImr, DateOnly statementDate, NegativeImrPresentation presentation, Int2301Conditions? conditions)
    {
        if (netImr >= 0) return new(netImr, 0, 0, 0, presentation, "the IMR is not negative");
        var disallowed = -netImr;
        if (conditions is null) return new(netImr, disallowed, 0, disallowed, presentation, "nonadmitted: no INT 23-01 conditions given");
        if (statementDate >= Expiry) return new(netImr, disallowed, 0, disallowed, presentation, $"nonadmitted: INT 23-01 expired on {Expiry:yyyy-MM-dd}");
        if (conditions.RbcRatio <= RbcThreshold)
            return new(netImr, disallowed, 0, disallowed, presentation, $"nonadmitted: RBC ratio {conditions.RbcRatio:0.###} is not above {RbcThreshold} (300%)");
        var cap = Cap * conditions.AdjustedGeneralAccountCapitalAndSurplus;
        var reason = "admitted under INT 23-01 up to 10% of adjusted general-account capital and surplus";
        if (statementDate >= RevisionApplies)
        {
            var unadjusted = conditions.CurrentUnadjustedCapitalAndSurplus
                ?? throw new ArgumentException("current unadjusted capital and surplus is required for statement dates from 2025-09-30 (INT 23-01, August 2025 revision)");
            if (Cap * unadjusted < cap) { cap = Cap * unadjusted; reason = "admitted under INT 23-01 up to 10% of current unadjusted capital and surplus"; }
        }
        var admitted = Math.Min(disallowed, Math.Max(0, cap));
        return new(netImr, disallowed, admitted, disallowed - admitted, presentation, admitted < disallowed ? reason + " (cap reached)" : reason);
    }
}
