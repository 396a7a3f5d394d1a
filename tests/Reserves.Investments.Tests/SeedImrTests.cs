using System.Globalization;
using System.Text.RegularExpressions;
using Reserves.Investments.Imr;

namespace Reserves.Investments.Tests;

/// <summary>The seed's 2012 IMR exhibit: columns 1-3 in, column 4 and page lines out, as printed.</summary>
public partial class SeedImrTests
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "Data");

    private static IReadOnlyList<YearAmount> Read(string name) => YearAmountCsvReader.ReadFile(Path.Combine(Data, $"imr-2012-seed-{name}.csv")).Records;

    /// <summary>Rows 1-31 of the printed exhibit (columns 1-4) and page lines 1-6, parsed from the seed text.</summary>
    private static (List<decimal[]> Rows, Dictionary<int, decimal> Page) Printed()
    {
        var text = File.ReadAllLines(SeedAvrPage.SeedFile);
        var start = Array.FindIndex(text, l => l.StartsWith("FORM FOR CALCULATING THE INTEREST MAINTENANCE RESERVE", StringComparison.Ordinal));
        var rows = new List<decimal[]>();
        var page = new Dictionary<int, decimal>();
        for (var i = start; i < start + 60; i++)
        {
            var row = ExhibitRow().Match(text[i]);
            if (row.Success) { rows.Add(row.Groups[2].Value.Split('\t').Select(Amount).ToArray()); continue; }
            var line = PageLine().Match(text[i]);
            if (line.Success && rows.Count == 0) page[int.Parse(line.Groups[1].Value)] = Amount(line.Groups[2].Value);
        }
        return (rows, page);
    }

    private static decimal Amount(string cell)
    {
        var c = cell.Trim();
        if (c.Length == 0) return 0;
        var value = decimal.Parse(c.Trim('(', ')'), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        return c.StartsWith('(') ? -value : value;
    }

    [GeneratedRegex(@"^(\d+)\. \d{4}(?: and Later)?\t(.*)$")]
    private static partial Regex ExhibitRow();

    [GeneratedRegex(@"^([1-6])\. .*\t([(\d,)]+)$")]
    private static partial Regex PageLine();

    [Fact]
    public void ColumnsOneToThreeReproduceColumnFourAndThePage()
    {
        var (printed, printedPage) = Printed();
        Assert.Equal(31, printed.Count);
        Assert.Equal(6, printedPage.Count);

        var rows = ImrExhibit.Build(2012, Read("prior"), Read("current"), Read("liability"));
        for (var r = 0; r < 31; r++)
            Assert.Equal(printed[r], new[] { rows[r].PriorReserve, rows[r].CurrentYearGains, rows[r].LiabilityAdjustment, rows[r].Balance });
        Assert.Equal("2042 and Later", rows[30].YearLabel);

        var page = new ImrPage(rows.Sum(r => r.PriorReserve), 9_192_949m, 3_217_532m, rows.Sum(r => r.CurrentYearGains),
            rows.Sum(r => r.LiabilityAdjustment), ImrExhibit.AmortizationToDate(rows, new DateOnly(2012, 12, 31)));
        Assert.Equal(printedPage, new Dictionary<int, decimal>
        {
            [1] = page.Line1,
            [2] = page.Line2,
            [3] = page.Line3,
            [4] = page.Line4,
            [5] = page.Line5,
            [6] = page.Line6,
        });
        Assert.Equal((1_292_808m, 3_743_049m), (page.Line5, page.Line6));
        Assert.Contains("$9,192,949 transferred into the reserve net of taxes of $(3,217,532)", page.Lines(new DateOnly(2012, 12, 31))[1].Description);
    }

    [Fact]
    public void CarryForwardBecomesNextYearsColumnOneAndLineOneEqualsLineSix()
    {
        var rows = ImrExhibit.Build(2012, Read("prior"), Read("current"), Read("liability"));
        var carry = ImrExhibit.CarryForward(rows);
        Assert.Equal(2013, carry[0].Year);
        Assert.Equal(817_504m, carry[0].Amount);
        var next = ImrExhibit.Build(2013, carry, [], []);
        Assert.Equal(3_743_049m, next.Sum(r => r.PriorReserve));
        Assert.Equal(rows.Skip(1).Select(r => r.Balance), next.Take(30).Select(r => r.PriorReserve));
    }
}
