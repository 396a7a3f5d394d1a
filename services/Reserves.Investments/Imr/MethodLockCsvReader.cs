using Reserves.Inputs;

namespace Reserves.Investments.Imr;

/// <summary>Reads the method lock: CSV <c>gains_year,method</c> (seriatim or grouped), as an IMR run writes it.</summary>
public static class MethodLockCsvReader
{
    public static IReadOnlyDictionary<int, AmortizationMethod> ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return CsvRecords.Read(reader, Path.GetFileName(path), ["gains_year", "method"], "gains_year", row =>
        {
            var year = row.Int("gains_year") ?? 0;
            var method = row.Parse("method", (string s, out AmortizationMethod m) => TryParse(s, out m), "method must be seriatim or grouped");
            return row.HasErrors ? null : new Tuple<int, AmortizationMethod>(year, method);
        }).Records.ToDictionary(r => r.Item1, r => r.Item2);
    }

    public static bool TryParse(string text, out AmortizationMethod method)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "seriatim": method = AmortizationMethod.Seriatim; return true;
            case "grouped": method = AmortizationMethod.Grouped; return true;
            default: method = default; return false;
        }
    }
}
