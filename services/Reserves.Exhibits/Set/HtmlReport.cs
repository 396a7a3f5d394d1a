using System.Globalization;
using System.Xml.Linq;

namespace Reserves.Exhibits.Set;

/// <summary>
/// A self-contained HTML report (well-formed XHTML, no script, no external resource): the summary, the life reserve
/// exhibit with a chart of reserves by basis, the AVR roll-forward, the IMR page with a chart of the IMR run-off by
/// year of amortization.
/// </summary>
public static class HtmlReport
{
    private static readonly XNamespace Html = "http://www.w3.org/1999/xhtml";
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private const string Css = """
        body { font-family: system-ui, sans-serif; margin: 2rem; color: #1b1f24; }
        h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
        table { border-collapse: collapse; margin: .5rem 0; } td, th { padding: .2rem .6rem; border-bottom: 1px solid #eee; }
        th { text-align: left; background: #f4f6f8; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
        tr.total td { font-weight: 600; border-top: 1px solid #888; } .note { color: #555; font-size: .9rem; }
        svg text { font-size: 11px; fill: #333; }
        """;

    public static string Render(ExhibitSet set)
    {
        var s = set.Summary;
        var body = new XElement(Html + "body",
            new XElement(Html + "h1", $"Statutory exhibit set - {s.Company}, valuation date {s.ValuationDate:yyyy-MM-dd}"),
            new XElement(Html + "p", new XAttribute("class", "note"), $"Run {s.RunId}, Reserves {s.SoftwareVersion}, finished {s.FinishedAt}."),
            new XElement(Html + "h2", "Summary"),
            Table(["Item", "Value"], ExhibitSetWriter.SummaryRows(s).Select(r => Row(false, [r.Item, r.Value], numeric: 0))),
            new XElement(Html + "h2", "Life reserves by valuation basis"),
            Table(["Line", "Description of valuation basis", "Amount"],
                set.LifeReserves.Select(l => Row(l.Line.EndsWith("99999", StringComparison.Ordinal), [l.Line, l.Description, Dollars(l.Amount)], numeric: 1))),
            BarChart("Reserves by basis", set.LifeReserves.Where(l => !l.Line.EndsWith("99999", StringComparison.Ordinal))
                .Select(l => (l.Description, l.UnroundedAmount)).ToList()),
            new XElement(Html + "h2", "Asset Valuation Reserve"),
            Table(["Line", "Description", "Default", "Equity", "Total"], (set.Avr.RollForward ?? []).Select(r =>
                Row(r.Line == 16, [r.Line.ToString(CultureInfo.InvariantCulture), r.Description, Dollars(r.DefaultTotal), Dollars(r.EquityTotal), Dollars(r.Total)], numeric: 3))),
            new XElement(Html + "p", new XAttribute("class", "note"),
                $"Factor set: statement year {set.Avr.StatementYear} ({set.Avr.DesignationStructure} designation structure). {set.Avr.FactorSetSource}"),
            new XElement(Html + "h2", "Interest Maintenance Reserve"),
            Table(["Line", "Description", "Amount"], set.Imr.Page.Select(p => Row(p.Line == "6", [p.Line, p.Description, Dollars(p.Amount)], numeric: 1))),
            ColumnChart("IMR run-off by year of amortization (column 4)", set.Imr.Exhibit.Select(e => (e.YearLabel, e.Balance)).ToList()),
            new XElement(Html + "p", new XAttribute("class", "note"),
                $"Negative IMR: {set.Imr.NegativeImr.Reason}; disallowed {Dollars(set.Imr.NegativeImr.Disallowed)}, admitted {Dollars(set.Imr.NegativeImr.Admitted)}."));
        var html = new XElement(Html + "html", new XAttribute("lang", "en"),
            new XElement(Html + "head",
                new XElement(Html + "meta", new XAttribute("charset", "utf-8")),
                new XElement(Html + "title", $"Exhibit set {s.Company} {s.ValuationDate:yyyy-MM-dd}"),
                new XElement(Html + "style", Css)),
            body);
        return "<!DOCTYPE html>\n" + html.ToString(SaveOptions.None) + "\n";
    }

    private static string Dollars(decimal amount) => Money.WholeDollars(amount).ToString("N0", CultureInfo.InvariantCulture);

    private static XElement Table(string[] headings, IEnumerable<XElement> rows) =>
        new(Html + "table",
            new XElement(Html + "thead", new XElement(Html + "tr", headings.Select(h => new XElement(Html + "th", h)))),
            new XElement(Html + "tbody", rows));

    /// <summary>A table row; the last <paramref name="numeric"/> cells are right-aligned amounts.</summary>
    private static XElement Row(bool total, string[] cells, int numeric) =>
        new(Html + "tr", total ? new XAttribute("class", "total") : null,
            cells.Select((c, i) => new XElement(Html + "td", i >= cells.Length - numeric ? new XAttribute("class", "n") : null, c)));

    /// <summary>Horizontal bars, one per item, scaled to the largest absolute amount.</summary>
    private static XElement BarChart(string title, IReadOnlyList<(string Label, decimal Amount)> items)
    {
        const int width = 900, labelWidth = 380, barHeight = 22, gap = 6;
        var max = items.Count == 0 ? 1m : Math.Max(1m, items.Max(i => Math.Abs(i.Amount)));
        var height = items.Count * (barHeight + gap) + 30;
        var svg = new XElement(Svg + "svg", new XAttribute("width", width), new XAttribute("height", height), new XAttribute("role", "img"),
            new XAttribute("aria-label", title), new XElement(Svg + "title", title));
        for (var k = 0; k < items.Count; k++)
        {
            var y = 20 + k * (barHeight + gap);
            var w = (double)(Math.Abs(items[k].Amount) / max) * (width - labelWidth - 140);
            svg.Add(new XElement(Svg + "text", new XAttribute("x", 0), new XAttribute("y", y + 15), Truncate(items[k].Label, 60)),
                new XElement(Svg + "rect", new XAttribute("class", "bar"), new XAttribute("x", labelWidth), new XAttribute("y", y),
                    new XAttribute("width", Format(Math.Max(w, 1))), new XAttribute("height", barHeight),
                    new XAttribute("fill", items[k].Amount >= 0 ? "#2f6db5" : "#c0392b")),
                new XElement(Svg + "text", new XAttribute("x", Format(labelWidth + w + 6)), new XAttribute("y", y + 15), Dollars(items[k].Amount)));
        }
        return new XElement(Html + "figure", svg, new XElement(Html + "figcaption", title));
    }

    /// <summary>Vertical bars by year; negative amounts hang below the axis.</summary>
    private static XElement ColumnChart(string title, IReadOnlyList<(string Label, decimal Amount)> items)
    {
        const int width = 960, height = 280, top = 20, bottom = 60;
        var max = items.Count == 0 ? 1m : Math.Max(1m, items.Max(i => Math.Max(i.Amount, 0)));
        var min = items.Count == 0 ? 0m : Math.Min(0m, items.Min(i => i.Amount));
        var scale = (height - top - bottom) / (double)(max - min);
        var axis = top + (double)max * scale;
        var step = items.Count == 0 ? width : (width - 40) / (double)items.Count;
        var svg = new XElement(Svg + "svg", new XAttribute("width", width), new XAttribute("height", height), new XAttribute("role", "img"),
            new XAttribute("aria-label", title), new XElement(Svg + "title", title),
            new XElement(Svg + "line", new XAttribute("x1", 30), new XAttribute("x2", width), new XAttribute("y1", Format(axis)), new XAttribute("y2", Format(axis)),
                new XAttribute("stroke", "#888")));
        for (var k = 0; k < items.Count; k++)
        {
            var h = Math.Abs((double)items[k].Amount) * scale;
            var x = 35 + k * step;
            var y = items[k].Amount >= 0 ? axis - h : axis;
            svg.Add(new XElement(Svg + "rect", new XAttribute("class", "bar"), new XAttribute("x", Format(x)), new XAttribute("y", Format(y)),
                    new XAttribute("width", Format(step * 0.8)), new XAttribute("height", Format(Math.Max(h, 0.5))),
                    new XAttribute("fill", items[k].Amount >= 0 ? "#2f6db5" : "#c0392b"),
                    new XElement(Svg + "title", $"{items[k].Label}: {Dollars(items[k].Amount)}")),
                new XElement(Svg + "text", new XAttribute("x", Format(x)), new XAttribute("y", height - bottom + 14 + (k % 2) * 12), items[k].Label.Split(' ')[0]));
        }
        return new XElement(Html + "figure", svg, new XElement(Html + "figcaption", title));
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
