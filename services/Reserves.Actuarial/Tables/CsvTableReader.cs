using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Reserves.Actuarial.Tables;

/// <summary>
/// Reads one rate column of a CSV table file: an <c>age</c> column plus one column per table. The age basis is
/// read from the column name ("...-anb", "...-alb"). Ages must be consecutive;
/// a column may start and end at other ages than its neighbours (empty cells around it). Null when the column is absent.
/// </summary>
public static class CsvTableReader
{
    public static IReadOnlyList<string> Columns(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        return csv.Read() ? csv.Record!.Skip(1).Select(c => c.Trim()).ToList() : [];
    }

    public static MortalityTable? Read(string path, string column, string reference)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        if (!csv.Read()) throw new FormatException($"{path}: empty file");
        var header = csv.Record!.Select(c => c.Trim()).ToArray();
        var ageColumn = Array.IndexOf(header, "age");
        if (ageColumn < 0) throw new FormatException($"{path}:1: no 'age' column");
        var rateColumn = Array.IndexOf(header, column);
        if (rateColumn < 0) return null;

        var rates = new List<double>();
        int? minAge = null;
        while (csv.Read())
        {
            var row = csv.Record!;
            var line = csv.RawRow;
            if (rateColumn >= row.Length || string.IsNullOrWhiteSpace(row[rateColumn])) continue;
            if (!int.TryParse(row[ageColumn], NumberStyles.Integer, CultureInfo.InvariantCulture, out var age))
                throw new FormatException($"{path}:{line}:{ageColumn + 1}: bad age '{row[ageColumn]}'");
            if (!double.TryParse(row[rateColumn], NumberStyles.Float, CultureInfo.InvariantCulture, out var q) || q < 0 || q > 1)
                throw new FormatException($"{path}:{line}:{rateColumn + 1}: rate '{row[rateColumn]}' is not a probability");
            minAge ??= age;
            if (age != minAge + rates.Count)
                throw new FormatException($"{path}:{line}:{ageColumn + 1}: age {age} does not follow age {minAge + rates.Count - 1}");
            rates.Add(q);
        }
        if (minAge is null) throw new FormatException($"{path}: column '{column}' has no rates");
        return new MortalityTable(reference, $"{Path.GetFileNameWithoutExtension(path)} {column}",
            AgeBasisNames.FromText(column.Replace('-', ' ')), minAge.Value, rates.ToArray());
    }
}
