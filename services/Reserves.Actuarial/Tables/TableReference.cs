namespace Reserves.Actuarial.Tables;

public enum TableSource
{
    Soa,
    Csv,
    StandardUltimate,
}

/// <summary>
/// A table reference string: <c>soa:42</c> (SOA XTbML table id, file soa/t42.xml), <c>csv:1958-cso.csv#cso-male-anb</c>
/// (file and column in csv/), or <c>sult</c> (the built-in Standard Ultimate Life Table).
/// </summary>
public sealed record TableReference(TableSource Source, string Text, string File, string Column)
{
    public static bool TryParse(string? text, out TableReference reference, out string error)
    {
        reference = null!;
        error = "";
        var t = text?.Trim() ?? "";
        if (t.Equals(StandardUltimateLifeTable.Reference, StringComparison.OrdinalIgnoreCase))
        {
            reference = new TableReference(TableSource.StandardUltimate, StandardUltimateLifeTable.Reference, "", "");
            return true;
        }
        if (t.StartsWith("soa:", StringComparison.OrdinalIgnoreCase))
        {
            var id = t[4..];
            if (id.Length > 0 && id.Length <= 9 && id.All(char.IsAsciiDigit))
            {
                reference = new TableReference(TableSource.Soa, $"soa:{int.Parse(id)}", Path.Combine("soa", $"t{int.Parse(id)}.xml"), "");
                return true;
            }
            error = $"'{t}' is not a table reference: soa: must be followed by an SOA table id, as in soa:42";
            return false;
        }
        if (t.StartsWith("csv:", StringComparison.OrdinalIgnoreCase))
        {
            var body = t[4..];
            var hash = body.IndexOf('#');
            var file = hash < 0 ? "" : body[..hash];
            var column = hash < 0 ? "" : body[(hash + 1)..];
            if (file.Length > 0 && column.Length > 0 && Path.GetFileName(file) == file)
            {
                reference = new TableReference(TableSource.Csv, $"csv:{file}#{column}", Path.Combine("csv", file), column);
                return true;
            }
            error = $"'{t}' is not a table reference: csv: must name a file in the csv folder and a column, as in csv:1958-cso.csv#cso-male-anb";
            return false;
        }
        error = $"'{t}' is not a table reference: use soa:ID, csv:FILE#COLUMN or sult";
        return false;
    }

    public override string ToString() => Text;
}
