using System.Text;
using Reserves.Actuarial.Bases;
using Reserves.Inputs;
using Reserves.Actuarial.Policies;

namespace Reserves.Actuarial.Tests;

public class InputReaderTests
{
    private const string Header = "policy_id,plan,issue_date,issue_age,sex,risk_class,face_amount,gross_premium,premium_years,benefit_years,basis";

    private static RecordFile<Policy> ReadPolicies(params string[] rows) =>
        PolicyCsvReader.Read(new StringReader(string.Join("\n", rows)), "policies.csv");

    private static InputError Single(Action read) =>
        Assert.Single(Assert.Throws<InvalidInputException>(read).Errors);

    [Fact]
    public void ReadsPoliciesWithColumnsInAnyOrderAndExtraColumns()
    {
        var file = ReadPolicies("basis,extra,policy_id,plan,issue_date,issue_age,sex,risk_class,face_amount,gross_premium,premium_years,benefit_years",
            "B1,x,P1,LP,2001-02-03,35,F,NS,100000,1234.5,20,,");
        var p = Assert.Single(file.Records);
        Assert.Equal(new Policy("P1", Plan.LimitedPay, new DateOnly(2001, 2, 3), 35, Sex.Female, RiskClass.NonSmoker, 100000, 1234.5, 20, null, "B1"), p);
        Assert.Equal(2, file.Lines[0]);
        Assert.Equal(3, file.Columns["policy_id"]);
    }

    [Theory]
    [InlineData("P1,XX,2001-02-03,35,M,,1000,10,,,B", 2, "plan")]
    [InlineData("P1,WL,2001-02-30,35,M,,1000,10,,,B", 3, "issue_date")]
    [InlineData("P1,WL,2001-02-03,abc,M,,1000,10,,,B", 4, "issue_age")]
    [InlineData("P1,WL,2001-02-03,35,Q,,1000,10,,,B", 5, "sex")]
    [InlineData("P1,WL,2001-02-03,35,M,XS,1000,10,,,B", 6, "risk_class")]
    [InlineData("P1,WL,2001-02-03,35,M,,-1000,10,,,B", 7, "face_amount")]
    [InlineData("P1,WL,2001-02-03,35,M,,1000,-1,,,B", 8, "gross_premium")]
    [InlineData("P1,TERM,2001-02-03,35,M,,1000,10,,,B", 10, "benefit_years")]
    [InlineData("P1,END,2001-02-03,35,M,,1000,10,30,20,B", 9, "premium_years")]
    [InlineData("P1,WL,2001-02-03,35,M,,1000,10,,,", 11, "basis")]
    public void BadFieldNamesLineAndColumn(string row, int column, string field)
    {
        var e = Single(() => ReadPolicies(Header, "P0,WL,2001-02-03,35,M,,1000,10,,,B", row));
        Assert.Equal(("policies.csv", 3, column, field), (e.Source, e.Line, e.Column, e.Field));
        Assert.StartsWith($"policies.csv:3:{column} ({field}): ", e.ToString());
    }

    [Fact]
    public void EmptyGrossPremiumMeansNoDeficiencyTest() =>
        Assert.Null(Assert.Single(ReadPolicies(Header, "P1,WL,2001-02-03,35,M,,1000,,,,B").Records).GrossPremium);

    [Fact]
    public void MissingColumnIsNamed()
    {
        var e = Single(() => ReadPolicies(Header.Replace(",gross_premium", ""), "P1,WL,2001-02-03,35,M,,1000,,,B"));
        Assert.Equal((1, "gross_premium"), (e.Line, e.Field));
        Assert.Contains("missing column 'gross_premium'", e.Message);
    }

    [Fact]
    public void RepeatedPolicyIdIsRefused()
    {
        var e = Single(() => ReadPolicies(Header, "P1,WL,2001-02-03,35,M,,1000,10,,,B", "P1,WL,2001-02-03,35,M,,1000,10,,,B"));
        Assert.Contains("repeats line 2", e.Message);
    }

    [Fact]
    public void EveryBadRowIsReportedNotJustTheFirst() =>
        Assert.Equal(2, Assert.Throws<InvalidInputException>(() =>
            ReadPolicies(Header, "P1,XX,2001-02-03,35,M,,1000,10,,,B", "P2,WL,2001-02-03,35,M,,0,10,,,B")).Errors.Count);

    private static IReadOnlyList<ValuationBasis> ReadBases(string json) => BasesJsonReader.Read(Encoding.UTF8.GetBytes(json), "bases.json");

    [Fact]
    public void ReadsBasesWithDefaults()
    {
        var b = Assert.Single(ReadBases("""[{ "id": "B", "method": "crvm", "interest": 0.045, "mortality": { "m": "soa:42", "F-NS": "soa:38" } }]"""));
        Assert.Equal(("B", "B", ReserveMethod.Crvm, 0.045, Timing.Curtate, ReserveConvention.Mean), (b.Id, b.Label, b.Method, b.Interest, b.Timing, b.Reserve));
        Assert.Equal("soa:42", b.Mortality["M"].Text);
        Assert.Equal("F-NS", b.MortalityKey(Sex.Female, RiskClass.NonSmoker));
        Assert.Equal("M", b.MortalityKey(Sex.Male, RiskClass.Smoker));
        Assert.Null(b.MortalityKey(Sex.Female, RiskClass.Smoker));
    }

    [Theory]
    [InlineData("[\n{ \"id\": \"B\", \"method\": \"XYZ\", \"interest\": 0.04, \"mortality\": { \"M\": \"soa:42\" } }]", 2, 24, "method")]
    [InlineData("[\n{ \"id\": \"B\", \"method\": \"NLP\",\n  \"interest\": 4, \"mortality\": { \"M\": \"soa:42\" } }]", 3, 15, "interest")]
    [InlineData("[\n{ \"id\": \"B\", \"method\": \"NLP\", \"interest\": 0.04,\n \"mortality\": { \"M\": \"soa42\" } }]", 3, 22, "mortality.M")]
    [InlineData("[\n{ \"id\": \"B\", \"method\": \"NLP\", \"interest\": 0.04 }]", 2, 1, "mortality")]
    [InlineData("[\n{ \"id\": \"B\", \"method\": \"NLP\" \"interest\": 0.04 }]", 2, 30, "")]
    public void BadBasisNamesLineAndColumn(string json, int line, int column, string field)
    {
        var e = Single(() => ReadBases(json));
        Assert.Equal(("bases.json", line, column, field), (e.Source, e.Line, e.Column, e.Field));
    }
}

public class FastPolicyReaderTests
{
    private static readonly string Samples = Path.Combine(TableDirectoryLocatorRoot(), "samples", "policies.csv");

    private static string TableDirectoryLocatorRoot() => global::Reserves.Actuarial.Tables.TableDirectoryLocator.RepositoryRoot(AppContext.BaseDirectory)!;

    [Fact]
    public void TheFastPathReadsExactlyWhatTheFullReaderReads()
    {
        var fast = PolicyCsvReader.ReadFile(Samples);
        var full = PolicyCsvReader.Read(new StringReader(File.ReadAllText(Samples)), "policies.csv");
        Assert.Equal(full.Records, fast.Records);
        Assert.Equal(full.Lines, fast.Lines);
        Assert.Equal(full.Columns, fast.Columns);
    }

    [Fact]
    public void AnythingTheFastPathDoesNotAcceptIsReportedByTheFullReader()
    {
        var lines = File.ReadAllLines(Samples);
        lines[9] = lines[9].Replace(",WL,", ",XX,").Replace(",LP,", ",XX,").Replace(",TERM,", ",XX,").Replace(",END,", ",XX,");
        var e = Assert.Throws<InvalidInputException>(() => PolicyCsvReader.Read(System.Text.Encoding.UTF8.GetBytes(string.Join("\r\n", lines)), "p.csv"));
        Assert.Equal(("p.csv", 10, 2, "plan"), (e.Errors[0].Source, e.Errors[0].Line, e.Errors[0].Column, e.Errors[0].Field));
    }
}
