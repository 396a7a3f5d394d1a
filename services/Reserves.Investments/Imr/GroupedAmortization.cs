using System.Globalization;
using Reserves.Inputs;

namespace Reserves.Investments.Imr;

/// <summary>
/// The NAIC amortization table of the grouped method for one year of sale: for each maturity band, the fraction of the
/// band's gains released in the year of sale (offset 0) and each later year. NAIC data, loaded from a file, never
/// invented.
/// </summary>
public sealed record GroupedAmortizationTable(int SaleYear, IReadOnlyDictionary<string, IReadOnlyList<decimal>> Fractions);

/// <summary>
/// The grouped method (domain.md 3.2): a gain is placed in a band by the calendar years from the year of sale to the
/// year of its expected maturity (0, 1, 2-5, 6-10, 11-15, 16-20, 21-25, over 25) and released with that band's row of
/// the table for the year of sale.
/// </summary>
public static class GroupedAmortization
{
    public const string Method = "grouped";

    public static readonly string[] Bands = ["0", "1", "2-5", "6-10", "11-15", "16-20", "21-25", "26+"];

    public static string Band(Disposal d)
    {
        var years = d.ExpectedMaturity.Year - d.DisposalDate.Year;
        return years switch
        {
            <= 0 => "0",
            1 => "1",
            <= 5 => "2-5",
            <= 10 => "6-10",
            <= 15 => "11-15",
            <= 20 => "16-20",
            <= 25 => "21-25",
            _ => "26+",
        };
    }

    /// <summary>
    /// The schedule of an IMR part; the release through <paramref name="statementDate"/> is the year-of-sale fraction
    /// recognised by days from the sale to the end of that year.
    /// </summary>
    /// <summary>The table of a disposal's year of sale; a missing year is a missing assumption naming it.</summary>
    public static GroupedAmortizationTable TableFor(Disposal d, IReadOnlyDictionary<int, GroupedAmortizationTable> tables) =>
        tables.TryGetValue(d.DisposalDate.Year, out var table) ? table
            : throw new AssumptionMissingException($"imr grouped table {d.DisposalDate.Year}",
                $"no grouped amortization table for the year of sale {d.DisposalDate.Year} (disposal {d.DisposalId}); give the NAIC table for {d.DisposalDate.Year} with --grouped-table");

    public static AmortizationSchedule Schedule(Disposal d, decimal preTax, decimal afterTax, IReadOnlyDictionary<int, GroupedAmortizationTable> tables,
        DateOnly? statementDate = null)
    {
        var year = d.DisposalDate.Year;
        var table = TableFor(d, tables);
        var fractions = table.Fractions[Band(d)];
        var shape = new SortedDictionary<int, double>();
        for (var offset = 0; offset < fractions.Count; offset++)
            if (fractions[offset] != 0) shape[year + offset] = (double)fractions[offset];
        var yearEnd = new DateOnly(year, 12, 31);
        var through = statementDate ?? yearEnd;
        var daysLeft = yearEnd.DayNumber - d.DisposalDate.DayNumber;
        var elapsed = daysLeft <= 0 ? 1.0 : Math.Clamp((through.DayNumber - d.DisposalDate.DayNumber) / (double)daysLeft, 0, 1);
        return Releases.Schedule(d.DisposalId, Method, shape, preTax, afterTax, (double)fractions[0] * elapsed);
    }
}

/// <summary>
/// Reads grouped amortization tables: CSV <c>sale_year,band,year_offset,fraction</c> (band one of 0, 1, 2-5, 6-10,
/// 11-15, 16-20, 21-25, 26+; offset 0 = the year of sale). Every band of a year must be given and its fractions must
/// add up to 1 exactly.
/// </summary>
public static class GroupedAmortizationTableReader
{
    public sealed record Row(int SaleYear, string Band, int Offset, decimal Fraction);

    public static IReadOnlyDictionary<int, GroupedAmortizationTable> ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, Path.GetFileName(path));
    }

    public static IReadOnlyDictionary<int, GroupedAmortizationTable> Read(TextReader text, string source)
    {
        var file = CsvRecords.Read(text, source, ["sale_year", "band", "year_offset", "fraction"], "", row =>
        {
            var band = row.Text("band");
            if (!GroupedAmortization.Bands.Contains(band)) row.Error("band", $"'{band}': band must be one of {string.Join(", ", GroupedAmortization.Bands)}");
            var offset = row.Int("year_offset") ?? 0;
            if (offset is < 0 or > 60) row.Error("year_offset", $"year offset {offset} must be between 0 and 60");
            var fraction = row.Money("fraction", null);
            if (fraction is < 0 or > 1) row.Error("fraction", $"fraction {fraction} must be between 0 and 1");
            return row.HasErrors ? null : new Row(row.Int("sale_year") ?? 0, band, offset, fraction);
        });
        return FromRows(file.Records, source);
    }

    /// <summary>Builds the tables from rows already checked one by one; each band must add up to 1.</summary>
    public static IReadOnlyDictionary<int, GroupedAmortizationTable> FromRows(IEnumerable<Row> rows, string source)
    {
        var errors = new List<InputError>();
        var tables = new Dictionary<int, GroupedAmortizationTable>();
        foreach (var year in rows.GroupBy(r => r.SaleYear))
        {
            var fractions = new Dictionary<string, IReadOnlyList<decimal>>();
            foreach (var band in GroupedAmortization.Bands)
            {
                var bandRows = year.Where(r => r.Band == band).ToList();
                var sum = bandRows.Sum(r => r.Fraction);
                if (bandRows.Count == 0 || sum != 1m)
                {
                    errors.Add(new InputError(source, null, null, "fraction",
                        $"sale year {year.Key}, band {band}: the fractions add up to {sum.ToString(CultureInfo.InvariantCulture)}, not 1"));
                    continue;
                }
                var byOffset = new decimal[bandRows.Max(r => r.Offset) + 1];
                foreach (var r in bandRows) byOffset[r.Offset] += r.Fraction;
                fractions[band] = byOffset;
            }
            tables[year.Key] = new GroupedAmortizationTable(year.Key, fractions);
        }
        if (errors.Count > 0) throw new InvalidInputException(errors);
        return tables;
    }
}
