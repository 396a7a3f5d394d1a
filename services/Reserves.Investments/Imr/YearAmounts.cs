using Reserves.Inputs;

namespace Reserves.Investments.Imr;

public sealed record YearAmount(int Year, decimal Amount);

/// <summary>Reads <c>year,amount</c> CSV files (the prior exhibit's carry-forward, liability gains); a year appears once.</summary>
public static class YearAmountCsvReader
{
    public static RecordFile<YearAmount> ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, Path.GetFileName(path));
    }

    public static RecordFile<YearAmount> Read(TextReader text, string source) =>
        CsvRecords.Read(text, source, ["year", "amount"], "year", row =>
        {
            var year = row.Int("year");
            if (year is < 1900 or > 2300) row.Error("year", $"year {year} is not a calendar year");
            var amount = row.Money("amount", null);
            return row.HasErrors ? null : new YearAmount(year!.Value, amount);
        });
}
