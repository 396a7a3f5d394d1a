namespace Reserves.Investments.Imr;

public enum DisposalAssetType
{
    Bond,
    PreferredStock,
    ShortTermBond,
    MortgageLoan,
    CommonStock,
    DerivativeHedge,
}

/// <summary>
/// One realized gain or loss: an asset sold, redeemed or impaired. Amounts are dollars; <see cref="CreditLoss"/> is the
/// credit-related part of an impairment or loan-backed sale as a positive loss amount (null: none).
/// <see cref="MaturityDate"/> is the expected maturity (yield-to-worst date); null for perpetuals.
/// <see cref="LowestDesignationHeld"/> is the lowest-quality designation the asset had while held, when known.
/// </summary>
public sealed record Disposal(
    string DisposalId,
    DisposalAssetType AssetType,
    DateOnly DisposalDate,
    DateOnly? AcquisitionDate,
    string AcquisitionDesignation,
    string DisposalDesignation,
    bool EverNaic6,
    decimal Par,
    decimal BookValue,
    decimal Proceeds,
    decimal? CouponRate,
    int? CouponFrequency,
    DateOnly? MaturityDate,
    decimal? TaxRate,
    int DaysPastDue,
    bool InForeclosure,
    bool RestructuredWithin2Years,
    decimal? CreditLoss,
    string LowestDesignationHeld = "")
{
    public decimal PreTaxGain => Proceeds - BookValue;

    /// <summary>Perpetuals amortize over 30 years (domain.md 3.2).</summary>
    public const int PerpetualYears = 30;

    public DateOnly ExpectedMaturity => MaturityDate ?? DisposalDate.AddYears(PerpetualYears);
}

public static class DisposalCodes
{
    private static readonly (DisposalAssetType Type, string Code)[] Types =
    [
        (DisposalAssetType.Bond, "bond"), (DisposalAssetType.PreferredStock, "preferred_stock"), (DisposalAssetType.ShortTermBond, "short_term_bond"),
        (DisposalAssetType.MortgageLoan, "mortgage_loan"), (DisposalAssetType.CommonStock, "common_stock"), (DisposalAssetType.DerivativeHedge, "derivative_hedge"),
    ];

    public static string Code(this DisposalAssetType type) => Types.First(t => t.Type == type).Code;

    public static string TypeList => string.Join(", ", Types.Select(t => t.Code));

    public static bool TryParse(string text, out DisposalAssetType type)
    {
        var t = text.Trim().ToLowerInvariant();
        foreach (var (candidate, code) in Types)
            if (code == t) { type = candidate; return true; }
        type = default;
        return false;
    }

    /// <summary>The NAIC designation number of "1".."6" or of a designation category "1.A".."6" (0 when absent).</summary>
    public static int DesignationNumber(string designation)
    {
        var d = designation.Trim();
        return d.Length > 0 && d[0] is >= '1' and <= '6' && (d.Length == 1 || (d.Length == 3 && d[1] == '.' && char.IsAsciiLetterUpper(d[2]))) ? d[0] - '0' : 0;
    }

    public static readonly int[] Frequencies = [1, 2, 4, 12];
}
