using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reserves.Exhibits.Imr;

/// <summary>
/// Writes the IMR outputs: imr-routing.csv, imr-amortization.csv (cents), imr-page.csv and imr-exhibit.csv (whole
/// dollars per cell from unrounded values, totals from unrounded sums), imr-carryforward.csv (next year's --prior, in
/// cents, unrounded to dollars so nothing is lost year over year), imr-method-lock.csv and imr.json with everything.
/// </summary>
public static class ImrReportWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static void WriteAll(string directory, ImrReport report) => AtomicFile.WriteAll(Files(directory, report).ToArray());

    /// <summary>The files of the report, to write together with others.</summary>
    public static List<(string Path, Action<Stream>? Write)> Files(string directory, ImrReport report) =>
    [
        (Path.Combine(directory, "imr-routing.csv"), s => Csv(s, "disposal_id,route,rule,pre_tax_gain,tax,after_tax_gain",
            report.Routing.Select(r => Row(CsvOutput.Quote(r.DisposalId), r.Route, r.Rule, Cents(r.PreTaxGain), Cents(r.Tax), Cents(r.AfterTaxGain))))),
        (Path.Combine(directory, "imr-amortization.csv"), s => Csv(s, "disposal_id,year,pre_tax,after_tax",
            report.Amortization.Select(a => Row(CsvOutput.Quote(a.DisposalId), Int(a.Year), Cents(a.PreTax), Cents(a.AfterTax))))),
        (Path.Combine(directory, "imr-page.csv"), s => Csv(s, "line,description,amount",
            report.Page.Select(p => Row(p.Line, CsvOutput.Quote(p.Description), Dollars(p.Amount))))),
        (Path.Combine(directory, "imr-exhibit.csv"), s => Csv(s, "line,year,prior_reserve,current_year_gains,liability_adjustment,balance",
            report.Exhibit.Select(e => Row(Int(e.Line), e.YearLabel, Dollars(e.PriorReserve), Dollars(e.CurrentYearGains), Dollars(e.LiabilityAdjustment), Dollars(e.Balance)))
                .Append(Row("32", "Total", Dollars(report.Exhibit.Sum(e => e.PriorReserve)), Dollars(report.Exhibit.Sum(e => e.CurrentYearGains)),
                    Dollars(report.Exhibit.Sum(e => e.LiabilityAdjustment)), Dollars(report.Exhibit.Sum(e => e.Balance)))))),
        (Path.Combine(directory, "imr-carryforward.csv"), s => Csv(s, "year,amount", report.CarryForward.Select(c => Row(Int(c.Year), Cents(c.Amount))))),
        (Path.Combine(directory, "imr-method-lock.csv"), s => Csv(s, "gains_year,method", report.MethodLock.OrderBy(m => m.Key).Select(m => Row(Int(m.Key), m.Value)))),
        (Path.Combine(directory, "imr.json"), s => JsonSerializer.Serialize(s, new
        {
            StatementDate = report.StatementDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            report.Method,
            report.PreTaxGains,
            report.Taxes,
            Rounding = "page and exhibit CSV: whole dollars per cell, half away from zero, from unrounded values; routing, amortization and carry-forward: cents",
            report.Page,
            Exhibit = report.Exhibit.Select(e => new { e.Line, Year = e.YearLabel, e.PriorReserve, e.CurrentYearGains, e.LiabilityAdjustment, e.Balance }),
            report.CarryForward,
            report.NegativeImr,
            AvrRealizedGains = report.AvrRealizedGains,
            report.MethodLock,
            report.IgnoredPrior,
            report.Routing,
            report.Amortization,
        }, Json)),
    ];

    private static void Csv(Stream stream, string header, IEnumerable<string> rows)
    {
        using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        w.WriteLine(header);
        foreach (var row in rows) w.WriteLine(row);
    }

    private static string Row(params string[] cells) => string.Join(',', cells);
    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
    private static string Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture);
    private static string Dollars(decimal amount) => Money.WholeDollars(amount).ToString("0", CultureInfo.InvariantCulture);
}
