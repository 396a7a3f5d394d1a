using System.Buffers;
using System.Globalization;
using System.Text;
using Reserves.Actuarial.Reserves;

namespace Reserves.Exhibits;

/// <summary>CSV writers for per-policy results and exhibits (RFC 4180 quoting, invariant culture, LF line ends).</summary>
public static class CsvOutput
{
    public const string PolicyReserveHeader =
        "policy_id,basis,policy_year,issue_year,alpha,beta,terminal_start,terminal_end,mean_reserve,interpolated_reserve,deficiency_reserve,reserve";

    private const int ChunkRows = 20_000;

    /// <summary>
    /// One row per policy. Rows are formatted to UTF-8 in parallel chunks (shortest round-trip text for every double)
    /// and written in input order.
    /// </summary>
    public static void WritePolicyReserves(Stream stream, IEnumerable<PolicyReserve> reserves)
    {
        var rows = reserves as IReadOnlyList<PolicyReserve> ?? reserves.ToList();
        stream.Write(Encoding.UTF8.GetBytes(PolicyReserveHeader + "\n"));
        var chunks = (rows.Count + ChunkRows - 1) / ChunkRows;
        var formatted = new ArrayBufferWriter<byte>[chunks];
        Parallel.For(0, chunks, c => formatted[c] = Format(rows, c * ChunkRows, Math.Min(rows.Count, (c + 1) * ChunkRows)));
        foreach (var chunk in formatted) stream.Write(chunk.WrittenSpan);
    }

    private static ArrayBufferWriter<byte> Format(IReadOnlyList<PolicyReserve> rows, int from, int to)
    {
        var buffer = new ArrayBufferWriter<byte>((to - from) * 160);
        void Text(string text)
        {
            var quoted = Quote(text);
            var span = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(quoted.Length));
            buffer.Advance(Encoding.UTF8.GetBytes(quoted, span));
        }
        void Comma() => buffer.Write(","u8);
        void Number<T>(T value, string? format) where T : IUtf8SpanFormattable
        {
            var span = buffer.GetSpan(32);
            if (!value.TryFormat(span, out var written, format, CultureInfo.InvariantCulture)) throw new InvalidOperationException("number too long");
            buffer.Advance(written);
        }
        for (var i = from; i < to; i++)
        {
            var r = rows[i];
            Text(r.PolicyId); Comma();
            Text(r.BasisId); Comma();
            Number(r.PolicyYear, null); Comma();
            Number(r.IssueYear, null); Comma();
            Number(r.Alpha, "R"); Comma();
            Number(r.Beta, "R"); Comma();
            Number(r.TerminalStart, "R"); Comma();
            Number(r.TerminalEnd, "R"); Comma();
            Number(r.MeanReserve, "R"); Comma();
            Number(r.InterpolatedReserve, "R"); Comma();
            Number(r.DeficiencyReserve, "R"); Comma();
            Number(r.Reserve, "R");
            buffer.Write("\n"u8);
        }
        return buffer;
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
