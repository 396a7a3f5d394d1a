using System.Globalization;
using System.Text;
using Reserves.Actuarial.Reserves;

namespace Reserves.Exhibits;

/// <summary>CSV writers for per-policy results and exhibits (RFC 4180 quoting, invariant culture, LF line ends).</summary>
public static class CsvOutput
{
    public const string PolicyReserveHeader =
        "policy_id,basis,policy_year,issue_year,alpha,beta,terminal_start,terminal_end,mean_reserve,interpolated_reserve,deficiency_reserve,reserve";

    public static void WritePolicyReserves(Stream stream, IEnumerable<PolicyReserve> reserves)
    {
        using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        w.WriteLine(PolicyReserveHeader);
        foreach (var r in reserves)
        {
            w.Write(Quote(r.PolicyId)); w.Write(',');
            w.Write(Quote(r.BasisId)); w.Write(',');
            w.Write(r.PolicyYear.ToString(CultureInfo.InvariantCulture)); w.Write(',');
            w.Write(r.IssueYear.ToString(CultureInfo.InvariantCulture)); w.Write(',');
            w.Write(Full(r.Alpha)); w.Write(',');
            w.Write(Full(r.Beta)); w.Write(',');
            w.Write(Full(r.TerminalStart)); w.Write(',');
            w.Write(Full(r.TerminalEnd)); w.Write(',');
            w.Write(Full(r.MeanReserve)); w.Write(',');
            w.Write(Full(r.InterpolatedReserve)); w.Write(',');
            w.Write(Full(r.DeficiencyReserve)); w.Write(',');
            w.WriteLine(Full(r.Reserve));
        }
    }

    public static void WriteExhibit(Stream stream, IEnumerable<ExhibitLine> lines)
    {
        using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        w.WriteLine("line,description,amount");
        foreach (var l in lines)
            w.WriteLine($"{l.Line},{Quote(l.Description)},{l.Amount.ToString("0", CultureInfo.InvariantCulture)}");
    }

    /// <summary>Shortest text that reads back to the same double.</summary>
    public static string Full(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"") + "\"";
}
