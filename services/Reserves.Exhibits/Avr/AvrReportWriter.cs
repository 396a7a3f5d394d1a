using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reserves.Exhibits.Avr;

/// <summary>
/// Writes the AVR outputs: avr-default.csv and avr-equity.csv (one row per page line, totals included),
/// avr-rollforward.csv (lines 1-16) and avr.json with everything. CSV amounts are whole dollars rounded per cell
/// from unrounded values (totals from unrounded sums); the JSON keeps the unrounded amounts beside the printed ones.
/// </summary>
public static class AvrReportWriter
{
    public const string PageHeader =
        "line,designation,description,bacv,related_party_encumbrances,third_party_encumbrances,balance,bc_factor,basic_contribution,ro_factor,reserve_objective,max_factor,maximum_reserve";

    public const string RollForwardHeader =
        "line,description,default_other,default_mortgage,default_total,equity_common,equity_other,equity_total,total";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static void WriteAll(string directory, AvrReport report) => AtomicFile.WriteAll(Files(directory, report).ToArray());

    /// <summary>The files of the report, to write together with others.</summary>
    public static List<(string Path, Action<Stream>? Write)> Files(string directory, AvrReport report)
    {
        var files = new List<(string, Action<Stream>?)>
        {
            (Path.Combine(directory, "avr-default.csv"), s => WritePage(s, report.DefaultComponent)),
            (Path.Combine(directory, "avr-equity.csv"), s => WritePage(s, report.EquityComponent)),
            (Path.Combine(directory, "avr.json"), s => WriteJson(s, report)),
        };
        // Without a roll-forward, a stale avr-rollforward.csv of an earlier run must not sit beside the new pages.
        files.Add((Path.Combine(directory, "avr-rollforward.csv"), report.RollForward is { } roll ? s => WriteRollForward(s, roll) : null));
        return files;
    }

    public static void WritePage(Stream stream, IEnumerable<AvrPageRow> rows)
    {
        using var w = Writer(stream);
        w.WriteLine(PageHeader);
        foreach (var r in rows)
            w.WriteLine(string.Join(',', r.Line, CsvOutput.Quote(r.Designation), CsvOutput.Quote(r.Description), Dollars(r.Bacv),
                Dollars(r.RelatedPartyEncumbrances), Dollars(r.ThirdPartyEncumbrances), Dollars(r.Balance), Factor(r.BcFactor),
                Dollars(r.BasicContribution), Factor(r.RoFactor), Dollars(r.ReserveObjective), Factor(r.MaxFactor), Dollars(r.MaximumReserve)));
    }

    public static void WriteRollForward(Stream stream, IEnumerable<AvrRollForwardRow> rows)
    {
        using var w = Writer(stream);
        w.WriteLine(RollForwardHeader);
        foreach (var r in rows)
            w.WriteLine(string.Join(',', r.Line.ToString(CultureInfo.InvariantCulture), CsvOutput.Quote(r.Description), Dollars(r.DefaultOther),
                Dollars(r.DefaultMortgage), Dollars(r.DefaultTotal), Dollars(r.EquityCommon), Dollars(r.EquityOther), Dollars(r.EquityTotal), Dollars(r.Total)));
    }

    public static void WriteJson(Stream stream, AvrReport report) =>
        JsonSerializer.Serialize(stream, new
        {
            report.StatementYear,
            report.FactorSetSource,
            report.DesignationStructure,
            report.ExperienceAdjustmentFactor,
            Rounding = "CSV amounts: whole dollars, half away from zero, per cell from unrounded values",
            DefaultComponent = report.DefaultComponent.Select(JsonRow),
            EquityComponent = report.EquityComponent.Select(JsonRow),
            RollForward = report.RollForward?.Select(r => new { r.Line, r.Description, Printed = RoundRoll(r), Unrounded = r }),
        }, Json);

    private static object JsonRow(AvrPageRow r) => new
    {
        r.Line,
        r.Designation,
        r.Description,
        r.Total,
        Factors = r.BcFactor is null ? null : new { Bc = r.BcFactor, Ro = r.RoFactor, Max = r.MaxFactor },
        Printed = new
        {
            Bacv = Money.WholeDollars(r.Bacv),
            Balance = Money.WholeDollars(r.Balance),
            BasicContribution = Money.WholeDollars(r.BasicContribution),
            ReserveObjective = Money.WholeDollars(r.ReserveObjective),
            MaximumReserve = Money.WholeDollars(r.MaximumReserve),
        },
        Unrounded = new { r.Bacv, r.RelatedPartyEncumbrances, r.ThirdPartyEncumbrances, r.Balance, r.BasicContribution, r.ReserveObjective, r.MaximumReserve },
    };

    private static AvrRollForwardRow RoundRoll(AvrRollForwardRow r) => r with
    {
        DefaultOther = Money.WholeDollars(r.DefaultOther),
        DefaultMortgage = Money.WholeDollars(r.DefaultMortgage),
        DefaultTotal = Money.WholeDollars(r.DefaultTotal),
        EquityCommon = Money.WholeDollars(r.EquityCommon),
        EquityOther = Money.WholeDollars(r.EquityOther),
        EquityTotal = Money.WholeDollars(r.EquityTotal),
        Total = Money.WholeDollars(r.Total),
    };

    private static StreamWriter Writer(Stream s) => new(s, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };

    private static string Dollars(decimal amount) => Money.WholeDollars(amount).ToString("0", CultureInfo.InvariantCulture);

    private static string Factor(decimal? factor) => factor?.ToString("0.0000####", CultureInfo.InvariantCulture) ?? "";
}
