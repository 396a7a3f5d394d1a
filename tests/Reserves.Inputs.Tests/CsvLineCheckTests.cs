using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using FsCheck;
using FsCheck.Fluent;

namespace Reserves.Inputs.Tests;

/// <summary>The record checks against RFC 4180 as CsvHelper reads it, and the line limit before the parser.</summary>
public class CsvLineCheckTests
{
    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"']) < 0 && !cell.StartsWith(' ') ? cell : "\"" + cell.Replace("\"", "\"\"") + "\"";

    private static readonly Gen<string[]> Records =
        Gen.Elements("", "a", "P1", " x", "a,b", "say \"hi\"", "\"", ",", "é", "1e3", "-5")
            .ArrayOf().Where(cells => cells.Length > 1 || (cells.Length == 1
                && cells[0].Length > 0)); // a lone empty cell is a blank line

    [Fact]
    public void EveryWellQuotedSingleLineRecordPassesAndReadsBackCellForCell() =>
        Prop.ForAll(Records.ToArbitrary(), cells =>
        {
            var line = string.Join(',', cells.Select(Quote));
            Assert.Null(CsvLineCheck.Check(line + "\n"));
            using var parser = new CsvParser(new StringReader(line + "\n"),
                new CsvConfiguration(CultureInfo.InvariantCulture));
            Assert.True(parser.Read());
            Assert.Equal(cells, parser.Record);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));

    [Theory]
    [InlineData("a,\"b", 2, true)]
    [InlineData("a,\"b\nc\"", 2, true)]
    [InlineData("a,b\"c", 2, false)]
    [InlineData("\"a\"x,b", 1, false)]
    [InlineData("a,b\0", 2, false)]
    [InlineData("a,\uFFFD", 2, false)]
    public void EachProblemNamesItsCell(string raw, int cell, bool unclosed)
    {
        var problem = CsvLineCheck.Check(raw);
        Assert.NotNull(problem);
        Assert.Equal((cell, unclosed), (problem.Value.Cell, problem.Value.Unclosed));
    }

    [Fact]
    public void TheLineLimitStopsTheReadingAtTheLineThatIsTooLong()
    {
        var text = "h\nok\n" + new string(',', InputLimits.MaxLineCharacters + 1) + "\nnever read\n";
        using var reader = new LineLimitedReader(new StringReader(text));
        var buffer = new char[4096];
        var e = Assert.Throws<LineTooLongException>(() => { while (reader.Read(buffer, 0, buffer.Length) > 0) { } });
        Assert.Equal(3, e.Line);
        using var fine = new LineLimitedReader(new StringReader(new string('x', InputLimits.MaxLineCharacters) + "\n"));
        Assert.Equal(InputLimits.MaxLineCharacters + 1, fine.ReadToEnd().Length);
    }

    [Fact]
    public void InvalidUtf8AndNulAreLocated()
    {
        var e = Assert.Throws<InvalidInputException>(() => Utf8Input.Decode([.. "ab\ncd"u8, 0xC3, (byte)'x'],
            "f.csv")).Errors[0];
        Assert.Equal(("f.csv", 2, 3), (e.Source, e.Line, e.Column));
        var nul = Assert.Throws<InvalidInputException>(() => Utf8Input.Decode([.. "a\nbc"u8, 0, (byte)'x'],
            "f.csv")).Errors[0];
        Assert.Equal((2, 3), (nul.Line, nul.Column));
        Assert.Equal("é", Utf8Input.Decode([0xEF, 0xBB, 0xBF, .. "é"u8], "f.csv"));
    }
}
