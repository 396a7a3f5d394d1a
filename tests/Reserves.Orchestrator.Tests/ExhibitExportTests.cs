using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Reserves.Exhibits.Set;
using Reserves.Orchestrator.Grains;
using static Reserves.Orchestrator.Tests.ClusterFixture;

namespace Reserves.Orchestrator.Tests;

/// <summary>The exhibit set of a real run, exported in every format and checked as a reader would open it.</summary>
public class ExhibitExportTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private async Task<ExhibitSet> RunAsync()
    {
        var (run, _) = await fixture.StartRunAsync(SampleRequest("Export Life", "export"));
        await UntilFinalAsync(run);
        return ExhibitSet.FromJson((await run.GetExhibitSet())!);
    }

    [Fact]
    public async Task TheStoredSetIsTheSetComposedFromItsReportsJson()
    {
        // The run grain writes the AVR and IMR reports into the set as their segment stored them (not parsed again).
        var (run, _) = await fixture.StartRunAsync(SampleRequest("Export Life", "export"));
        await UntilFinalAsync(run);
        var stored = (await run.GetExhibitSet())!;
        var set = ExhibitSet.FromJson(stored);
        Assert.Equal(set.ToCompactJson(), stored);
        Assert.Equal(stored, ExhibitSet.ComposeCompactJson(set.Summary, set.LifeReserves,
            System.Text.Json.JsonSerializer.Serialize(set.Avr, ExhibitSet.CompactJson), System.Text.Json.JsonSerializer.Serialize(set.Imr, ExhibitSet.CompactJson)));
    }

    [Fact]
    public async Task EveryFormatIsWrittenAndReadsBack()
    {
        var set = await RunAsync();
        var dir = Directory.CreateTempSubdirectory().FullName;
        var files = ExhibitSetWriter.WriteAll(dir, set);
        Assert.Superset(new HashSet<string> { "life-reserves.csv", "life-reserves.json", "avr-default.csv", "avr-equity.csv", "avr-rollforward.csv",
            "imr-page.csv", "imr-exhibit.csv", "summary.csv", "summary.json", "exhibit-set.json", "exhibits.xlsx", "report.html" }, files.ToHashSet());
        Assert.Equal(set.ToJson(), ExhibitSet.FromJson(File.ReadAllText(Path.Combine(dir, "exhibit-set.json"))).ToJson());

        // XLSX: valid Open XML, a sheet per exhibit, amounts as printed.
        using (var doc = SpreadsheetDocument.Open(Path.Combine(dir, "exhibits.xlsx"), false))
        {
            var errors = new OpenXmlValidator().Validate(doc, TestContext.Current.CancellationToken).ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors.Take(5).Select(e => $"{e.Path?.XPath}: {e.Description}")));
            var book = doc.WorkbookPart!;
            var sheets = book.Workbook.Sheets!.Elements<Sheet>().ToList();
            Assert.Equal(ExhibitWorkbook.SheetNames, sheets.Select(s => s.Name!.Value));
            var life = ((WorksheetPart)book.GetPartById(sheets[1].Id!)).Worksheet;
            var total = life.Descendants<Row>().Single(r => r.Elements<Cell>().FirstOrDefault()?.InnerText == "9999999");
            Assert.Equal(set.LifeReserves.Single(l => l.Line == "9999999").Amount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                total.Elements<Cell>().Last().CellValue!.Text);
        }

        // HTML: well-formed XHTML with both charts: a bar per basis line and the deficiency line, a bar per IMR exhibit row.
        var html = XDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.html")));
        XNamespace svg = "http://www.w3.org/2000/svg";
        var charts = html.Descendants(svg + "svg").ToList();
        Assert.Equal(2, charts.Count);
        Assert.Equal(set.LifeReserves.Count(l => !l.Line.EndsWith("99999", StringComparison.Ordinal)), charts[0].Descendants(svg + "rect").Count());
        Assert.Equal(31, charts[1].Descendants(svg + "rect").Count());
        Assert.Contains("Export Life", html.Root!.Value);
    }
}
