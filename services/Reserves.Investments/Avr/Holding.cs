namespace Reserves.Investments.Avr;

public enum AssetType
{
    Bond,
    PreferredStock,
    ShortTermBond,
    Derivative,
    MortgageLoan,
    ScheduleDaMortgage,
    CommonStock,
    RealEstate,
    OtherInvested,
}

/// <summary>The four AVR sub-components: default (other than mortgages, mortgages) and equity (common stock, other).</summary>
public enum AvrSubComponent
{
    DefaultOther,
    DefaultMortgage,
    EquityCommon,
    EquityOther,
}

/// <summary>
/// One invested asset for the AVR: book/adjusted carrying value plus the encumbrances the page adds to it.
/// <see cref="Designation"/> is the NAIC designation ("1".."6", "1.A".."6", "ET" for exchange-traded derivatives)
/// or empty; mortgage type and status are empty for other assets.
/// </summary>
public sealed record Holding(
    string AssetId,
    AssetType AssetType,
    string Designation,
    bool Exempt,
    string MortgageType,
    string MortgageStatus,
    decimal Bacv,
    decimal RelatedPartyEncumbrances,
    decimal ThirdPartyEncumbrances);

public static class AvrCodes
{
    private static readonly (AssetType Type, string Code)[] AssetTypes =
    [
        (AssetType.Bond, "bond"), (AssetType.PreferredStock, "preferred_stock"), (AssetType.ShortTermBond, "short_term_bond"),
        (AssetType.Derivative, "derivative"), (AssetType.MortgageLoan, "mortgage_loan"), (AssetType.ScheduleDaMortgage, "schedule_da_mortgage"),
        (AssetType.CommonStock, "common_stock"), (AssetType.RealEstate, "real_estate"), (AssetType.OtherInvested, "other_invested"),
    ];

    private static readonly (AvrSubComponent Part, string Code)[] SubComponents =
    [
        (AvrSubComponent.DefaultOther, "default_other"), (AvrSubComponent.DefaultMortgage, "default_mortgage"),
        (AvrSubComponent.EquityCommon, "equity_common"), (AvrSubComponent.EquityOther, "equity_other"),
    ];

    public static readonly string[] MortgageTypes = ["farm", "residential_insured", "residential_other", "commercial_insured", "commercial_other"];
    public static readonly string[] MortgageStatuses = ["good_standing", "restructured", "overdue", "foreclosure"];

    public static string Code(this AssetType type) => AssetTypes.First(a => a.Type == type).Code;
    public static string Code(this AvrSubComponent part) => SubComponents.First(s => s.Part == part).Code;

    public static bool TryParseAssetType(string text, out AssetType type)
    {
        var t = text.Trim().ToLowerInvariant();
        foreach (var (candidate, code) in AssetTypes)
            if (code == t) { type = candidate; return true; }
        type = default;
        return false;
    }

    public static bool TryParseSubComponent(string text, out AvrSubComponent part)
    {
        foreach (var (candidate, code) in SubComponents)
            if (code == text) { part = candidate; return true; }
        part = default;
        return false;
    }

    public static string AssetTypeList => string.Join(", ", AssetTypes.Select(a => a.Code));

    public static bool IsMortgage(this AssetType type) => type is AssetType.MortgageLoan or AssetType.ScheduleDaMortgage;
}
