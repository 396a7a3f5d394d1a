using System.Text;
using Reserves.Actuarial.Bases;
using Reserves.Actuarial.Policies;
using Reserves.Inputs;

namespace Reserves.Actuarial.Tests;

/// <summary>Each way a file used to be silently truncated or accepted is now refused with its line and
/// column.</summary>
public class StrictInputTests
{
    private const string Header =
        "policy_id,plan,issue_date,issue_age,sex,risk_class,face_amount,gross_premium,premium_years,"
            + "benefit_years,basis";

    private const string Good = "P{0},WL,2001-02-03,35,M,,1000,10,,,B";

    private static string Book(int rows, Func<int, string>? row = null) =>
        Header + "\n" + string.Join("\n", Enumerable.Range(1, rows).Select(i => row?.Invoke(i) ?? string.Format(Good,
            i)));

    private static InputError First(string csv) =>
        Assert.Throws<InvalidInputException>(() => PolicyCsvReader.Read(Encoding.UTF8.GetBytes(csv), "policies.csv"))
            .Errors[0];

    [Fact]
    public void AnUnclosedQuoteRefusesTheFileInsteadOfDroppingItsRest()
    {
        var e = First(Book(3000, i => i == 5 ? "\"P5,WL,2001-02-03,35,M,,1000,10,,,B" : string.Format(Good, i)));
        Assert.Equal(("policies.csv", 6, 1), (e.Source, e.Line, e.Column));
        Assert.Contains("not closed", e.Message);
    }

    [Fact]
    public void AnUnclosedQuoteInAnExtraColumnIsRefusedToo()
    {
        var csv = Header + ",note\n" + string.Join("\n", Enumerable.Range(1, 50).Select(i =>
            string.Format(Good, i) + (i == 7 ? ",\"open" : ",ok")));
        var e = First(csv);
        Assert.Equal((8, 12), (e.Line, e.Column));
    }

    [Theory]
    [InlineData("P1,WL,2001-02-03,35,M,,1000,10,,,B\"x", 11)]
    [InlineData("\"P1\"x,WL,2001-02-03,35,M,,1000,10,,,B", 1)]
    public void AStrayQuoteIsRefusedWithItsCell(string row, int column)
    {
        var e = First(Book(2) + "\n" + row);
        Assert.Equal((4, column), (e.Line, e.Column));
    }

    [Fact]
    public void AQuotedCellWithADoubledQuoteIsRead()
    {
        var file = PolicyCsvReader.Read(Encoding.UTF8.GetBytes(Header + "\n\"P\"\"1\",WL,2001-02-03,35,M,,1000,10,,,B"),
            "p.csv");
        Assert.Equal("P\"1", Assert.Single(file.Records).PolicyId);
    }

    [Fact]
    public void InvalidUtf8AndNulAreRefusedWithTheirPlace()
    {
        var bytes = Encoding.UTF8.GetBytes(Book(3)).ToList();
        var at = Encoding.UTF8.GetBytes(Header + "\nP1,WL,2001-02-03,35,M,,1000,10,,,B\nP2").Length;
        bytes.Insert(at, 0xFF);
        var e = Assert.Throws<InvalidInputException>(() => PolicyCsvReader.Read(bytes.ToArray(),
            "policies.csv")).Errors[0];
        Assert.Equal((3, 3), (e.Line, e.Column));
        Assert.Contains("UTF-8", e.Message);

        var nul = First(Book(3).Replace("P2,", "P\02,"));
        Assert.Equal(3, nul.Line);
        Assert.Contains("NUL", nul.Message);
    }

    [Fact]
    public void AHugeIdentifierIsRefusedAtOnce()
    {
        var id = new string('x', 70 * 1024 * 1024);
        var e = First(Book(2) + "\n" + id + ",WL,2001-02-03,35,M,,1000,10,,,B");
        Assert.Equal(4, e.Line);
        Assert.True(e.Message.Length < 200, e.Message);
    }

    [Fact]
    public void AnIdentifierOverTheCellLimitIsRefused()
    {
        var e = First(Book(2) + "\n" + new string('x',
            InputLimits.MaxCellCharacters + 1) + ",WL,2001-02-03,35,M,,1000,10,,,B");
        Assert.Equal((4, 1), (e.Line, e.Column));
        var ok = PolicyCsvReader.Read(Encoding.UTF8.GetBytes(
            Book(1) + "\n" + new string('x',
                InputLimits.MaxCellCharacters) + ",WL,2001-02-03,35,M,,1000,10,,,B"), "p.csv");
        Assert.Equal(2, ok.Records.Count);
    }

    [Theory]
    [InlineData("1e16", 7, "face_amount")]
    [InlineData("1000000000000001", 7, "face_amount")]
    public void AmountsBeyondTheRangeAreRefused(string face, int column, string field)
    {
        var e = First(Book(1) + $"\nP9,WL,2001-02-03,35,M,,{face},10,,,B");
        Assert.Equal((3, column, field), (e.Line, e.Column, e.Field));
        Assert.Contains("beyond the accepted range", e.Message);
    }

    [Fact]
    public void ARepeatedColumnIsRefused()
    {
        var e = First(Header + ",basis\n" + string.Format(Good, 1) + ",C");
        Assert.Equal((1, 12, "basis"), (e.Line, e.Column, e.Field));
    }

    private const string Basis =
        "{\"id\":\"B\",\"method\":\"CRVM\",\"interest\":0.04,\"mortality\":{\"M\":\"soa:42\"}}";

    private static InputError BasesError(string json) =>
        Assert.Throws<InvalidInputException>(() => BasesJsonReader.Read(Encoding.UTF8.GetBytes(json),
            "bases.json")).Errors[0];

    [Fact]
    public void TheSampleShapeReads() => Assert.Single(BasesJsonReader.Read(Encoding.UTF8.GetBytes($"[{Basis}]"),
        "b.json"));

    [Theory]
    [InlineData("[{\"id\":\"B\",\"method\":\"CRVM\",\"interest\":0.04,\n"
        + "\"interest\":0.09,\"mortality\":{\"M\":\"soa:42\"}}]", 2, "twice")]
    [InlineData("[" + Basis + ",\n]", 2, "")]
    [InlineData("// note\n[" + Basis + "]", 1, "")]
    [InlineData("[" + Basis + "]\n[" + Basis + "]", 2, "")]
    [InlineData("[{\"id\":\"B\",\"method\":\"CRVM\",\"interest\":1e30,\"mortality\":{\"M\":\"soa:42\"}}]", 1, "beyond")]
    public void JsonIsReadStrictly(string json, int line, string message)
    {
        var e = BasesError(json);
        Assert.Equal(line, e.Line);
        Assert.NotNull(e.Column);
        Assert.Contains(message, e.Message);
    }

    private sealed record Sample(decimal Amount);

    [Fact]
    public void TheSerializerPathRefusesDuplicatesAndTrailingValuesToo()
    {
        Assert.Equal(4m, StrictJson.Deserialize<Sample>("{\"amount\":4}"u8.ToArray(), "s.json", "a sample").Amount);
        foreach (var bad in new[] { "{\"amount\":4,\"amount\":9}", "{\"amount\":4,}", "{\"amount\":4} 5",
            "/*c*/{\"amount\":4}" })
        {
            var e = Assert.Throws<InvalidInputException>(() =>
                StrictJson.Deserialize<Sample>(Encoding.UTF8.GetBytes(bad), "s.json", "a sample")).Errors[0];
            Assert.Equal(("s.json", 1), (e.Source, e.Line));
        }
    }

    [Fact]
    public void InvestmentAmountsBeyondTheRangeAreLocatedErrorsNotOverflows()
    {
        const string header = "asset_id,asset_type,naic_designation,exempt,mortgage_type,mortgage_status,bacv,"
            + "related_party_encumbrances,third_party_encumbrances";
        var huge = new StringReader(header
            + "\nH1,bond,,true,,,79228162514264337593543950335,,\nH2,bond,,true,,,1e3,,");
        var errors = Assert.Throws<InvalidInputException>(() => Investments.Avr.HoldingCsvReader.Read(huge,
            "holdings.csv")).Errors;
        Assert.Equal(("holdings.csv", 2, 7, "bacv"), (errors[0].Source, errors[0].Line, errors[0].Column,
            errors[0].Field));
        Assert.Contains("beyond the accepted range", errors[0].Message);
        Assert.Equal((3, "bacv"), (errors[1].Line,
            errors[1].Field));                       // not an amount (no exponents)

        var disposals = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..",
            "samples", "disposals.csv"));
        var row = disposals[1].Split(',');
        row[9] = "15043384522340047453887151152";
        var e = Assert.Throws<InvalidInputException>(() => Investments.Imr.DisposalCsvReader.Read(
            new StringReader(disposals[0] + "\n" + string.Join(',', row)), "disposals.csv")).Errors[0];
        Assert.Equal((2, 10, "proceeds"), (e.Line, e.Column, e.Field));
    }

    [Fact]
    public void ALineOfCommasIsStoppedAtTheLimitNotSplitIntoFields()
    {
        var holdings = string.Join(',', Investments.Avr.HoldingCsvReader.RequiredColumns) + "\nH1" + new string(',',
            5_000_000) + "\n";
        var e = Assert.Throws<InvalidInputException>(
            () => Investments.Avr.HoldingCsvReader.Read(new StringReader(holdings), "h.csv")).Errors[0];
        Assert.Equal(2, e.Line);
        Assert.Contains("longer than 65,536", e.Message);
    }

    [Fact]
    public void AQuotedCellOverTwoLinesIsReportedAtTheLineItStarts()
    {
        var e = First(Book(2) + "\nP3,\"WL\n\",2001-02-03,35,M,,1000,10,,,B\n" + string.Format(Good, 4));
        Assert.Equal((4, 2), (e.Line, e.Column));
    }

    [Fact]
    public void TheFastReaderGivesUpWhereTheFullReaderWouldReadOtherwise()
    {
        // A tab after an id: the full reader trims it, so the two rows repeat one id.
        var e = First(Book(1) + "\nP1\t,WL,2001-02-03,35,M,,1000,10,,,B");
        Assert.Equal(("policy_id", 3), (e.Field, e.Line));
        // A lone carriage return splits a record for the full reader.
        Assert.Throws<InvalidInputException>(() =>
            PolicyCsvReader.Read(Encoding.UTF8.GetBytes(Book(1) + "\nP2,WL,2001-02-03,35\r,M,,1000,10,,,B"), "p.csv"));
        // A replacement character is refused as the mark of invalid bytes.
        var fffd = First(Book(1) + "\nP\uFFFD2,WL,2001-02-03,35,M,,1000,10,,,B");
        Assert.Contains("UTF-8", fffd.Message);
    }

    [Fact]
    public void AMortalityKeyNamedTwiceIsRefused() =>
        Assert.Contains("twice", BasesError(
            "[{\"id\":\"B\",\"method\":\"CRVM\",\"interest\":0.04,"
                + "\"mortality\":{\"M\":\"soa:42\",\"m\":\"soa:99\"}}]").Message);
}
