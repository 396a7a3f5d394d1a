using System.Globalization;
using System.Text;
using System.Text.Json;
using Reserves.Exhibits.Avr;
using Reserves.Exhibits.Imr;

namespace Reserves.Exhibits.Set;

/// <summary>
/// Exports an exhibit set, whole or not at all: CSV and JSON per exhibit (life-reserves, avr-*, imr-*, summary), the
/// complete exhibit-set.json, one XLSX workbook with a sheet per exhibit, and an HTML report with charts.
/// </summary>
public static class ExhibitSetWriter
{
    public static readonly string[] Formats = ["csv", "json", "xlsx", "html"];

    /// <param name="storedJson">The set's JSON as the cluster stored it, written as it is to exhibit-set.json (the same
    /// document as <see cref="ExhibitSet.ToCompactJson"/>); without it the set is serialized.</param>
    public static IReadOnlyList<string> WriteAll(string directory, ExhibitSet set, string? storedJson = null)
    {
        var files = new List<(string Path, Action<Stream>? Write)>
        {
            (Path.Combine(directory, "life-reserves.csv"), s => CsvOutput.WriteExhibit(s, set.LifeReserves)),
            (Path.Combine(directory, "life-reserves.json"), s => JsonSerializer.Serialize(s, set.LifeReserves, ExhibitSet.Json)),
            (Path.Combine(directory, "summary.csv"), s => WriteSummaryCsv(s, set.Summary)),
            (Path.Combine(directory, "summary.json"), s => JsonSerializer.Serialize(s, set.Summary, ExhibitSet.Json)),
            (Path.Combine(directory, "exhibit-set.json"), s =>
            {
                if (storedJson is null) JsonSerializer.Serialize(s, set, ExhibitSet.CompactJson);
                else s.Write(Encoding.UTF8.GetBytes(storedJson));
            }),
            (Path.Combine(directory, "exhibits.xlsx"), s => ExhibitWorkbook.Write(s, set)),
            (Path.Combine(directory, "report.html"), s => { using var w = new StreamWriter(s, new UTF8Encoding(false), 1 << 16, true); w.Write(HtmlReport.Render(set)); }),
        };
        files.AddRange(AvrReportWriter.Files(directory, set.Avr));
        files.AddRange(ImrReportWriter.Files(directory, set.Imr));
        AtomicFile.WriteAll(files.ToArray());
        return files.Where(f => f.Write is not null).Select(f => Path.GetFileName(f.Path)).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The summary as rows of <c>item,value</c> (the JSON has the same, structured).</summary>
    public static IEnumerable<(string Item, string Value)> SummaryRows(RunSummary s)
    {
        string D(decimal v) => Money.WholeDollars(v).ToString("0", CultureInfo.InvariantCulture);
        yield return ("company", s.Company);
        yield return ("valuation_date", s.ValuationDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        yield return ("run_id", s.RunId);
        yield return ("software_version", s.SoftwareVersion);
        yield return ("started_at", s.StartedAt);
        yield return ("finished_at", s.FinishedAt);
        foreach (var i in s.Inputs) yield return ($"input.{i.Role}", $"{i.Name} sha256={i.Sha256} bytes={i.Bytes} records={i.Records}");
        foreach (var b in s.Bases) yield return ("basis", b);
        foreach (var t in s.MortalityTables) yield return ("mortality_table", t);
        yield return ("avr_factor_set", s.AvrFactorSet);
        yield return ("imr_method", s.ImrMethod);
        yield return ("policies", s.Policies.ToString(CultureInfo.InvariantCulture));
        yield return ("segments", s.Segments.ToString(CultureInfo.InvariantCulture));
        yield return ("holdings", s.Holdings.ToString(CultureInfo.InvariantCulture));
        yield return ("disposals", s.Disposals.ToString(CultureInfo.InvariantCulture));
        yield return ("total.life_reserves", D(s.Totals.LifeReserves));
        yield return ("total.deficiency_reserves", D(s.Totals.DeficiencyReserves));
        yield return ("total.avr_reserve", D(s.Totals.AvrReserve));
        yield return ("total.avr_maximum", D(s.Totals.AvrMaximum));
        yield return ("total.imr_reserve", D(s.Totals.ImrReserve));
        if (s.Prior is { } p)
        {
            yield return ("prior.valuation_date", p.PriorValuationDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            yield return ("prior.run_id", p.PriorRunId);
            yield return ("change.life_reserves", D(p.Change.LifeReserves));
            yield return ("change.deficiency_reserves", D(p.Change.DeficiencyReserves));
            yield return ("change.avr_reserve", D(p.Change.AvrReserve));
            yield return ("change.imr_reserve", D(p.Change.ImrReserve));
        }
        else
        {
            yield return ("prior", "no earlier run of this company");
        }
    }

    private static void WriteSummaryCsv(Stream stream, RunSummary s)
    {
        using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        w.WriteLine("item,value");
        foreach (var (item, value) in SummaryRows(s)) w.WriteLine($"{item},{CsvOutput.Quote(value)}");
    }
}
