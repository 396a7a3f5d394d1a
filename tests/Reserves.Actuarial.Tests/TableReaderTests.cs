using Reserves.Inputs;
using Reserves.Actuarial.Tables;

namespace Reserves.Actuarial.Tests;

public class TableReaderTests
{
    [Theory]
    [InlineData("soa:41", AgeBasis.AgeLastBirthday)]
    [InlineData("soa:42", AgeBasis.AgeNearestBirthday)]
    [InlineData("soa:1514", AgeBasis.AgeLastBirthday)]
    [InlineData("csv:1958-cso.csv#cso-male-alb", AgeBasis.AgeLastBirthday)]
    [InlineData("csv:1958-cso.csv#cso-female-anb", AgeBasis.AgeNearestBirthday)]
    [InlineData("csv:1983-table-a.csv#male", AgeBasis.Unknown)]
    public void AgeBasisComesFromTheTableMetadata(string reference, AgeBasis expected) =>
        Assert.Equal(expected, TestTables.Library.Get(reference).AgeBasis);

    [Fact]
    public void CsvColumnKeepsItsOwnAgeRangeAndClosesAtItsLastAge()
    {
        var male = TestTables.Library.Get("csv:1958-cso.csv#cso-male-anb");
        Assert.Equal(0, male.MinAge);
        Assert.Equal(0.00708, male.Ultimate(0));
        Assert.Equal(1.0, male.Ultimate(male.MaxAge));
        var annuity = TestTables.Library.Get("csv:1983-table-a.csv#male");
        Assert.Equal(5, annuity.MinAge);
        Assert.Equal(0.000377, annuity.Ultimate(5));
    }

    [Theory]
    [InlineData("soa:999999")]
    [InlineData("csv:1958-cso.csv#no-such-column")]
    [InlineData("csv:missing.csv#male")]
    [InlineData("soa:x")]
    [InlineData("table42")]
    public void MissingOrMalformedReferencesAreMissingAssumptions(string reference)
    {
        var e = Assert.Throws<AssumptionMissingException>(() => TestTables.Library.Get(reference));
        Assert.Contains(reference.Split('#')[0].Replace("csv:", ""), e.Message);
    }

    [Fact]
    public void SultIsBuiltInAndNeedsNoDirectory() =>
        Assert.Equal(StandardUltimateLifeTable.Reference, new TableLibrary(null).Get("sult").Reference);

    [Fact]
    public void LibraryListsEveryAvailableTableWithoutLoadingIt()
    {
        var library = new TableLibrary(TestTables.Directory);
        var available = library.Available();
        Assert.Contains("soa:42", available);
        Assert.Contains("soa:1136", available);
        Assert.Contains("csv:1958-cso.csv#cso-male-anb", available);
        Assert.Empty(library.Loaded);
    }

    [Fact]
    public void MalformedXtbmlNamesTheFileAndLine()
    {
        var dir = Directory.CreateTempSubdirectory();
        Directory.CreateDirectory(Path.Combine(dir.FullName, "soa"));
        File.WriteAllText(Path.Combine(dir.FullName, "soa", "t7.xml"), "<Document>\n<Table><MetaData><AxisDef id=\"Age\"/></MetaData><Values><Axis><Y t=\"0\">1.5</Y></Axis></Values></Table></Document>");
        var e = Assert.Throws<AssumptionMissingException>(() => new TableLibrary(dir.FullName).Get("soa:7"));
        Assert.Contains("t7.xml:2:", e.Message);
        Assert.Contains("not a probability", e.Message);
    }

    [Fact]
    public void LocatorPrefersOptionThenEnvironmentThenSharedFolder()
    {
        Assert.Equal(Path.GetFullPath("/opt/x"), TableDirectoryLocator.Locate("/opt/x", "/opt/y"));
        Assert.Equal(Path.GetFullPath("/opt/y"), TableDirectoryLocator.Locate(null, "/opt/y"));
        Assert.Equal(TestTables.Directory, TableDirectoryLocator.Locate(null, null, AppContext.BaseDirectory));
        Assert.Null(TableDirectoryLocator.Locate(null, null, Path.GetTempPath()));
    }
}
