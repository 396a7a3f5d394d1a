using Reserves.Inputs;

namespace Reserves.Investments.Avr;

/// <summary>
/// Reads a holdings CSV (asset_id, asset_type, naic_designation, exempt, mortgage_type, mortgage_status, bacv,
/// related_party_encumbrances, third_party_encumbrances); extra columns ignored; empty amounts are 0.
/// Checks that need the year's factor set (designation structure, sign of BACV) happen in <see cref="AvrCalculator"/>.
/// </summary>
public static class HoldingCsvReader
{
    public static readonly string[] RequiredColumns =
        ["asset_id", "asset_type", "naic_designation", "exempt", "mortgage_type", "mortgage_status", "bacv", "related_party_encumbrances", "third_party_encumbrances"];

    public static RecordFile<Holding> ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, Path.GetFileName(path));
    }

    public static RecordFile<Holding> Read(TextReader text, string source) =>
        CsvRecords.Read(text, source, RequiredColumns, "asset_id", row =>
        {
            var holding = new Holding(
                row.Text("asset_id"),
                row.Parse("asset_type", (string s, out AssetType t) => AvrCodes.TryParseAssetType(s, out t), $"asset_type must be one of {AvrCodes.AssetTypeList}"),
                row.Text("naic_designation").ToUpperInvariant(),
                row.Bool("exempt"),
                row.Text("mortgage_type").ToLowerInvariant(),
                row.Text("mortgage_status").ToLowerInvariant(),
                row.Money("bacv"),
                row.Money("related_party_encumbrances"),
                row.Money("third_party_encumbrances"));
            if (row.HasErrors) return null;
            foreach (var (field, message) in HoldingRules.Check(holding)) row.Error(field, message);
            return holding;
        });
}

/// <summary>Checks of one holding that need no factor set; each names the field (file column).</summary>
public static class HoldingRules
{
    public static IEnumerable<(string Field, string Message)> Check(Holding h)
    {
        if (string.IsNullOrWhiteSpace(h.AssetId)) yield return ("asset_id", "asset_id is empty");
        if (h.AssetType.IsMortgage())
        {
            if (!AvrCodes.MortgageStatuses.Contains(h.MortgageStatus))
                yield return ("mortgage_status", $"'{h.MortgageStatus}': mortgage_status must be one of {string.Join(", ", AvrCodes.MortgageStatuses)}");
            if (!AvrCodes.MortgageTypes.Contains(h.MortgageType))
                yield return ("mortgage_type", $"'{h.MortgageType}': mortgage_type must be one of {string.Join(", ", AvrCodes.MortgageTypes)}");
        }
        else
        {
            if (h.MortgageType.Length > 0) yield return ("mortgage_type", $"mortgage_type is only for mortgage loans, not {h.AssetType.Code()}");
            if (h.MortgageStatus.Length > 0) yield return ("mortgage_status", $"mortgage_status is only for mortgage loans, not {h.AssetType.Code()}");
        }
        if (h.Exempt && h.AssetType is not (AssetType.Bond or AssetType.ShortTermBond))
            yield return ("exempt", $"only bonds and short-term bonds can be exempt obligations, not {h.AssetType.Code()}");
        if (h.Exempt && h.Designation.Length > 0 && !(h.Designation == "1" || (h.Designation.Length == 3 && h.Designation.StartsWith("1.", StringComparison.Ordinal))))
            yield return ("naic_designation", $"an exempt obligation carries no designation other than NAIC 1, not '{h.Designation}'");
        if (h.RelatedPartyEncumbrances < 0) yield return ("related_party_encumbrances", "encumbrances must not be negative");
        if (h.ThirdPartyEncumbrances < 0) yield return ("third_party_encumbrances", "encumbrances must not be negative");
    }
}
