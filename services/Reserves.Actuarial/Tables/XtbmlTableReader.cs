using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Reserves.Actuarial.Tables;

/// <summary>
/// Reads SOA XTbML files: one ultimate table (axis Age), or a select table (axes Age and Duration) followed by its
/// ultimate table. The age basis comes from the table's name or description ("Age Nearest Birthday", "ANB").
/// </summary>
public static class XtbmlTableReader
{
    public static MortalityTable Read(string path, string reference)
    {
        XDocument doc;
        try
        {
            doc = XDocument.Load(path, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new FormatException($"{path}:{e.LineNumber}:{e.LinePosition}: not a well-formed XTbML file: {e.Message}", e);
        }
        var root = doc.Root ?? throw new FormatException($"{path}: empty document");
        var classification = root.Element("ContentClassification");
        var name = classification?.Element("TableName")?.Value.Trim() ?? reference;
        var description = classification?.Element("TableDescription")?.Value;
        var ageBasis = AgeBasisNames.FromText(name);
        if (ageBasis == AgeBasis.Unknown) ageBasis = AgeBasisNames.FromText(description);

        double[]? ultimate = null;
        var ultimateMinAge = 0;
        double[]?[]? select = null;
        var selectMinAge = 0;
        foreach (var table in root.Elements("Table"))
        {
            var axes = table.Element("MetaData")?.Elements("AxisDef").ToList() ?? [];
            var values = table.Element("Values") ?? throw Error(path, table, "table without Values");
            if (axes.Count == 1)
            {
                (ultimate, ultimateMinAge) = ReadVector(path, values.Element("Axis") ?? throw Error(path, values, "Values without Axis"));
            }
            else if (axes.Count == 2)
            {
                var rows = values.Elements("Axis").ToList();
                var byAge = new SortedDictionary<int, double[]>();
                foreach (var row in rows)
                {
                    var age = IntAttribute(path, row, "t");
                    var (durations, firstDuration) = ReadVector(path, row.Element("Axis") ?? throw Error(path, row, "select row without Axis"));
                    if (firstDuration != 1) throw Error(path, row, $"select row for age {age} does not start at duration 1");
                    byAge[age] = durations;
                }
                if (byAge.Count == 0) throw Error(path, values, "select table without rows");
                selectMinAge = byAge.Keys.First();
                select = new double[]?[byAge.Keys.Last() - selectMinAge + 1];
                foreach (var (age, r) in byAge) select[age - selectMinAge] = r;
            }
            else
            {
                throw Error(path, table, $"table with {axes.Count} axes is not a mortality table this reader knows");
            }
        }
        if (ultimate is null) throw new FormatException($"{path}: no ultimate table");
        return new MortalityTable(reference, name, ageBasis, ultimateMinAge, ultimate, selectMinAge, select);
    }

    private static (double[] Values, int First) ReadVector(string path, XElement axis)
    {
        var items = axis.Elements("Y").Select(y => (T: IntAttribute(path, y, "t"), Y: y)).ToList();
        if (items.Count == 0) throw Error(path, axis, "axis without values");
        var first = items.Min(i => i.T);
        var last = items.Max(i => i.T);
        var values = new double[last - first + 1];
        Array.Fill(values, double.NaN);
        foreach (var (t, y) in items)
        {
            if (string.IsNullOrWhiteSpace(y.Value)) continue;
            if (!double.TryParse(y.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var q) || q < 0 || q > 1)
                throw Error(path, y, $"rate '{y.Value}' is not a probability");
            values[t - first] = q;
        }
        return (values, first);
    }

    private static int IntAttribute(string path, XElement e, string name) =>
        int.TryParse((string?)e.Attribute(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v : throw Error(path, e, $"missing or bad attribute '{name}'");

    private static FormatException Error(string path, XObject at, string message)
    {
        var info = (IXmlLineInfo)at;
        return new FormatException(info.HasLineInfo() ? $"{path}:{info.LineNumber}:{info.LinePosition}: {message}" : $"{path}: {message}");
    }
}
