using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Reserves.Exhibits.Avr;

namespace Reserves.Exhibits.Set;

/// <summary>
/// The exhibit set as one XLSX workbook, a sheet per exhibit laid out like the statement pages: a title, column
/// headings, whole-dollar amounts (negatives in parentheses) and bold totals. Amount cells hold the printed
/// (rounded) value; the unrounded values are in the JSON.
/// </summary>
public static class ExhibitWorkbook
{
    private enum Style : uint { Text = 0, Bold = 1, Amount = 2, Factor = 3, BoldAmount = 4 }

    private sealed record Cell(object? Value, Style Style = Style.Text);

    public static readonly string[] SheetNames = ["Summary", "Life Reserves", "AVR Default", "AVR Equity", "AVR Roll-forward", "IMR Page", "IMR Exhibit"];

    public static void Write(Stream stream, ExhibitSet set)
    {
        using var buffer = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var book = doc.AddWorkbookPart();
            book.Workbook = new Workbook();
            book.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheets = book.Workbook.AppendChild(new Sheets());
            var title = $"{set.Summary.Company} - valuation date {set.Summary.ValuationDate:yyyy-MM-dd} - run {set.Summary.RunId}";

            AddSheet(book, sheets, SheetNames[0], [40, 110], Rows(
                new Cell[] { new Cell("RUN SUMMARY", Style.Bold) }, new Cell[] { new Cell(title) }, Array.Empty<Cell>(),
                new Cell[] { new Cell("Item", Style.Bold), new Cell("Value", Style.Bold) },
                ExhibitSetWriter.SummaryRows(set.Summary).Select(r => new[] { new Cell(r.Item), new Cell(r.Value) })));

            AddSheet(book, sheets, SheetNames[1], [12, 70, 18], Rows(
                new Cell[] { new Cell("EXHIBIT 5 - AGGREGATE RESERVE FOR LIFE CONTRACTS", Style.Bold) }, new Cell[] { new Cell(title) }, Array.Empty<Cell>(),
                new Cell[] { new Cell("Line", Style.Bold), new Cell("Description of Valuation Basis", Style.Bold), new Cell("Total", Style.Bold) },
                set.LifeReserves.Select(l => new[] { new Cell(l.Line), new Cell(l.Description), new Cell(l.Amount, IsTotal(l.Line) ? Style.BoldAmount : Style.Amount) })));

            AddSheet(book, sheets, SheetNames[2], PageWidths, PageRows("ASSET VALUATION RESERVE - DEFAULT COMPONENT", title, set.Avr.DefaultComponent));
            AddSheet(book, sheets, SheetNames[3], PageWidths, PageRows("ASSET VALUATION RESERVE - EQUITY AND OTHER INVESTED ASSET COMPONENT", title, set.Avr.EquityComponent));

            AddSheet(book, sheets, SheetNames[4], [6, 70, 16, 16, 16, 16, 16, 16, 16], Rows(
                new Cell[] { new Cell("ASSET VALUATION RESERVE - RECONCILIATION", Style.Bold) }, new Cell[] { new Cell(title) }, Array.Empty<Cell>(),
                new Cell[] { new Cell("Line", Style.Bold), new Cell("Description", Style.Bold), new Cell("Other Than Mortgage Loans", Style.Bold),
                 new Cell("Mortgage Loans", Style.Bold), new Cell("Total Default", Style.Bold), new Cell("Common Stock", Style.Bold),
                 new Cell("Real Estate and Other", Style.Bold), new Cell("Total Equity", Style.Bold), new Cell("Total AVR", Style.Bold) },
                (set.Avr.RollForward ?? []).Select(r => new[]
                {
                    new Cell(r.Line), new Cell(r.Description), new Cell(Money.WholeDollars(r.DefaultOther), Style.Amount),
                    new Cell(Money.WholeDollars(r.DefaultMortgage), Style.Amount), new Cell(Money.WholeDollars(r.DefaultTotal), Style.Amount),
                    new Cell(Money.WholeDollars(r.EquityCommon), Style.Amount), new Cell(Money.WholeDollars(r.EquityOther), Style.Amount),
                    new Cell(Money.WholeDollars(r.EquityTotal), Style.Amount), new Cell(Money.WholeDollars(r.Total), Style.BoldAmount),
                })));

            AddSheet(book, sheets, SheetNames[5], [6, 110, 18], Rows(
                new Cell[] { new Cell("FORM FOR CALCULATING THE INTEREST MAINTENANCE RESERVE", Style.Bold) }, new Cell[] { new Cell(title) }, Array.Empty<Cell>(),
                new Cell[] { new Cell("Line", Style.Bold), new Cell("Description", Style.Bold), new Cell("Amount", Style.Bold) },
                set.Imr.Page.Select(p => new[] { new Cell(p.Line), new Cell(p.Description), new Cell(Money.WholeDollars(p.Amount), Style.Amount) })));

            AddSheet(book, sheets, SheetNames[6], [6, 18, 20, 20, 20, 20], Rows(
                new Cell[] { new Cell("INTEREST MAINTENANCE RESERVE - AMORTIZATION", Style.Bold) }, new Cell[] { new Cell(title) }, Array.Empty<Cell>(),
                new Cell[] { new Cell("Line", Style.Bold), new Cell("Year of Amortization", Style.Bold), new Cell("(1) Reserve as of December 31, Prior Year", Style.Bold),
                 new Cell("(2) Current Year's Realized Capital Gains/(Losses) Net of Taxes", Style.Bold),
                 new Cell("(3) Adjustment for Current Year's Liability Gains/(Losses)", Style.Bold), new Cell("(4) Balance (Cols. 1 + 2 + 3)", Style.Bold) },
                set.Imr.Exhibit.Select(e => new[]
                {
                    new Cell(e.Line), new Cell(e.YearLabel), new Cell(Money.WholeDollars(e.PriorReserve), Style.Amount),
                    new Cell(Money.WholeDollars(e.CurrentYearGains), Style.Amount), new Cell(Money.WholeDollars(e.LiabilityAdjustment), Style.Amount),
                    new Cell(Money.WholeDollars(e.Balance), Style.Amount),
                }),
                new[] { new Cell[] { new Cell(32), new Cell("Total (Lines 1 to 31)", Style.Bold), new Cell(Money.WholeDollars(set.Imr.Exhibit.Sum(e => e.PriorReserve)), Style.BoldAmount),
                  new Cell(Money.WholeDollars(set.Imr.Exhibit.Sum(e => e.CurrentYearGains)), Style.BoldAmount),
                  new Cell(Money.WholeDollars(set.Imr.Exhibit.Sum(e => e.LiabilityAdjustment)), Style.BoldAmount),
                  new Cell(Money.WholeDollars(set.Imr.Exhibit.Sum(e => e.Balance)), Style.BoldAmount) } }));
            book.Workbook.Save();
        }
        buffer.Position = 0;
        buffer.CopyTo(stream);
    }

    private static readonly double[] PageWidths = [8, 12, 50, 18, 14, 14, 18, 10, 16, 10, 16, 10, 16];

    private static IEnumerable<Cell[]> PageRows(string heading, string title, IReadOnlyList<AvrPageRow> rows) => Rows(
        new Cell[] { new Cell(heading, Style.Bold) }, new Cell[] { new Cell("BASIC CONTRIBUTION, RESERVE OBJECTIVE AND MAXIMUM RESERVE CALCULATIONS") }, new Cell[] { new Cell(title) }, Array.Empty<Cell>(),
        new Cell[] { new Cell("Line", Style.Bold), new Cell("NAIC Designation", Style.Bold), new Cell("Description", Style.Bold),
         new Cell("(1) Book/Adjusted Carrying Value", Style.Bold), new Cell("(2) Related Party Encumbrances", Style.Bold),
         new Cell("(3) Third Party Encumbrances", Style.Bold), new Cell("(4) Balance for AVR (1+2+3)", Style.Bold),
         new Cell("(5) Factor", Style.Bold), new Cell("(6) Basic Contribution", Style.Bold), new Cell("(7) Factor", Style.Bold),
         new Cell("(8) Reserve Objective", Style.Bold), new Cell("(9) Factor", Style.Bold), new Cell("(10) Maximum Reserve", Style.Bold) },
        rows.Select(r =>
        {
            var amount = r.Total ? Style.BoldAmount : Style.Amount;
            return new[]
            {
                new Cell(r.Line), new Cell(r.Designation), new Cell(r.Description), new Cell(Money.WholeDollars(r.Bacv), amount),
                new Cell(Money.WholeDollars(r.RelatedPartyEncumbrances), amount), new Cell(Money.WholeDollars(r.ThirdPartyEncumbrances), amount),
                new Cell(Money.WholeDollars(r.Balance), amount), new Cell(r.BcFactor, Style.Factor), new Cell(Money.WholeDollars(r.BasicContribution), amount),
                new Cell(r.RoFactor, Style.Factor), new Cell(Money.WholeDollars(r.ReserveObjective), amount), new Cell(r.MaxFactor, Style.Factor),
                new Cell(Money.WholeDollars(r.MaximumReserve), amount),
            };
        }));

    private static bool IsTotal(string line) => line.EndsWith("99999", StringComparison.Ordinal);

    private static IEnumerable<Cell[]> Rows(params object[] parts)
    {
        foreach (var part in parts)
        {
            if (part is Cell[] row) yield return row;
            else foreach (var r in (IEnumerable<Cell[]>)part) yield return r;
        }
    }

    private static void AddSheet(WorkbookPart book, Sheets sheets, string name, double[] widths, IEnumerable<Cell[]> rows)
    {
        var part = book.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        uint r = 0;
        foreach (var row in rows)
        {
            r++;
            var xmlRow = new Row { RowIndex = r };
            for (var c = 0; c < row.Length; c++)
            {
                var cell = ToCell(row[c]);
                cell.CellReference = $"{ColumnName(c)}{r}";
                xmlRow.Append(cell);
            }
            data.Append(xmlRow);
        }
        var columns = new Columns(widths.Select((w, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true }));
        part.Worksheet = new Worksheet(columns, data);
        sheets.Append(new Sheet { Id = book.GetIdOfPart(part), SheetId = (uint)sheets.Count() + 1, Name = name });
    }

    private static DocumentFormat.OpenXml.Spreadsheet.Cell ToCell(Cell c) => c.Value switch
    {
        null => new DocumentFormat.OpenXml.Spreadsheet.Cell { StyleIndex = (uint)c.Style },
        decimal d => Number(d.ToString(CultureInfo.InvariantCulture), c.Style),
        int i => Number(i.ToString(CultureInfo.InvariantCulture), c.Style),
        _ => new DocumentFormat.OpenXml.Spreadsheet.Cell
        {
            DataType = CellValues.InlineString,
            InlineString = new InlineString(new Text(c.Value.ToString()!) { Space = SpaceProcessingModeValues.Preserve }),
            StyleIndex = (uint)c.Style,
        },
    };

    private static DocumentFormat.OpenXml.Spreadsheet.Cell Number(string text, Style style) =>
        new() { DataType = CellValues.Number, CellValue = new CellValue(text), StyleIndex = (uint)style };

    private static string ColumnName(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26) name = (char)('A' + (index - 1) % 26) + name;
        return name;
    }

    private static Stylesheet Styles() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "#,##0;(#,##0)" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "0.0000##" })
        { Count = 2 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellStyleFormats(new CellFormat()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 164, FontId = 1, ApplyNumberFormat = true, ApplyFont = true })
        { Count = 5 });
}
