using Reserves.Inputs;

namespace Reserves.Investments.Imr;

/// <summary>
/// Reads a disposals CSV. Columns: disposal_id, asset_type, disposal_date, acquisition_date, acquisition_designation,
/// disposal_designation, ever_naic6, par, book_value, proceeds, coupon_rate, coupon_frequency, maturity_date, tax_rate,
/// days_past_due, in_foreclosure, restructured_within_2y, credit_loss, and optionally lowest_designation_held (the
/// lowest-quality designation while held). Rates are decimals (0.05 for 5%); amounts
/// dollars; empty booleans are false, empty days_past_due is 0.
/// </summary>
public static class DisposalCsvReader
{
    public static readonly string[] RequiredColumns =
    [
        "disposal_id", "asset_type", "disposal_date", "acquisition_date", "acquisition_designation", "disposal_designation", "ever_naic6",
        "par", "book_value", "proceeds", "coupon_rate", "coupon_frequency", "maturity_date", "tax_rate", "days_past_due", "in_foreclosure",
        "restructured_within_2y", "credit_loss",
    ];

    public static RecordFile<Disposal> ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, Path.GetFileName(path));
    }

    public static RecordFile<Disposal> Read(TextReader text, string source) =>
        CsvRecords.Read(text, source, RequiredColumns, "disposal_id", row =>
        {
            var disposal = new Disposal(
                row.Text("disposal_id"),
                row.Parse("asset_type", (string s, out DisposalAssetType t) => DisposalCodes.TryParse(s, out t), $"asset_type must be one of {DisposalCodes.TypeList}"),
                row.Date("disposal_date"),
                OptionalDate(row, "acquisition_date"),
                row.Text("acquisition_designation").ToUpperInvariant(),
                row.Text("disposal_designation").ToUpperInvariant(),
                row.Bool("ever_naic6"),
                row.Money("par"),
                row.Money("book_value", null),
                row.Money("proceeds", null),
                OptionalMoney(row, "coupon_rate"),
                row.Int("coupon_frequency", optional: true),
                OptionalDate(row, "maturity_date"),
                OptionalMoney(row, "tax_rate"),
                row.Int("days_past_due", optional: true) ?? 0,
                row.Bool("in_foreclosure"),
                row.Bool("restructured_within_2y"),
                OptionalMoney(row, "credit_loss"),
                row.Text("lowest_designation_held").ToUpperInvariant());
            if (row.HasErrors) return null;
            foreach (var (field, message) in DisposalRules.Check(disposal)) row.Error(field, message);
            return disposal;
        });

    private static DateOnly? OptionalDate(CsvRow row, string name) => row.Text(name).Length == 0 ? null : row.Date(name);

    private static decimal? OptionalMoney(CsvRow row, string name) => row.Text(name).Length == 0 ? null : row.Money(name);
}

/// <summary>Checks of one disposal that need no other input; each names the field (file column).</summary>
public static class DisposalRules
{
    public static IEnumerable<(string Field, string Message)> Check(Disposal d)
    {
        if (string.IsNullOrWhiteSpace(d.DisposalId)) yield return ("disposal_id", "disposal_id is empty");
        if (d.BookValue < 0) yield return ("book_value", "book value must not be negative");
        if (d.Proceeds < 0) yield return ("proceeds", "proceeds must not be negative");
        if (d.Par < 0) yield return ("par", "par must not be negative");
        if (d.AcquisitionDate is { } a && a > d.DisposalDate) yield return ("acquisition_date", $"acquired {a:yyyy-MM-dd}, after the disposal on {d.DisposalDate:yyyy-MM-dd}");
        if (d.MaturityDate is { } m && m <= d.DisposalDate) yield return ("maturity_date", $"expected maturity {m:yyyy-MM-dd} is not after the disposal on {d.DisposalDate:yyyy-MM-dd}");
        if (d.TaxRate is { } t && t is < 0 or >= 1) yield return ("tax_rate", $"tax rate {t} must be a decimal between 0 and 1 (0.35 for 35%)");
        if (d.CouponRate is { } c && c is < 0 or >= 1) yield return ("coupon_rate", $"coupon rate {c} must be a decimal between 0 and 1 (0.05 for 5%)");
        if (d.CouponRate is not null && d.CouponFrequency is null) yield return ("coupon_frequency", "coupon_frequency is required with a coupon rate (1, 2, 4 or 12)");
        if (d.CouponFrequency is { } f && !DisposalCodes.Frequencies.Contains(f)) yield return ("coupon_frequency", $"coupon frequency {f} must be 1, 2, 4 or 12 payments a year");
        if (d.CouponRate is not null && d.Par <= 0) yield return ("par", "par is required for a coupon-bearing asset");
        if (d.CreditLoss is { } loss && loss < 0) yield return ("credit_loss", "credit_loss is the credit-related loss as a positive amount");
        if (d.DaysPastDue < 0) yield return ("days_past_due", "days past due must not be negative");
        if (d.MaturityDate is null && d.AssetType is DisposalAssetType.Bond or DisposalAssetType.ShortTermBond or DisposalAssetType.MortgageLoan)
            yield return ("maturity_date", $"the expected maturity (yield-to-worst date) of a {d.AssetType.Code()} is required; only preferred stock is taken as perpetual (30 years)");
        foreach (var (field, value) in new[] { ("acquisition_designation", d.AcquisitionDesignation), ("disposal_designation", d.DisposalDesignation),
                     ("lowest_designation_held", d.LowestDesignationHeld) })
            if (value.Length > 0 && DisposalCodes.DesignationNumber(value) == 0)
                yield return (field, $"'{value}' is not an NAIC designation (1-6 or 1.A-6)");
        if (d.AssetType is DisposalAssetType.Bond or DisposalAssetType.ShortTermBond or DisposalAssetType.PreferredStock)
        {
            if (d.AcquisitionDesignation.Length == 0) yield return ("acquisition_designation", $"the designation at acquisition decides the routing of a {d.AssetType.Code()}");
            if (d.DisposalDesignation.Length == 0) yield return ("disposal_designation", $"the designation at disposal decides the routing of a {d.AssetType.Code()}");
        }
    }
}
