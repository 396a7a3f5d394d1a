using System.Globalization;
using System.Text;
using Reserves.Actuarial.Reserves;
using System.Runtime.CompilerServices;

namespace Reserves.Exhibits;

/// <summary>CSV writers for per-policy results and exhibits (RFC 4180 quoting, invariant culture, LF line ends).</summary>
public static class CsvOutput
{
    public const string PolicyReserveHeader =
        "policy_id,basis,policy_year,issue_year,alpha,beta,terminal_start,terminal_end,mean_reserve,interpolated_reserve,deficiency_reserve,reserve";

    private const int ChunkRows = 8_192;

    /// <summary>
    /// One row per policy. Rows are formatted to UTF-8 in parallel chunks (shortest round-trip text for every double,
    /// <see cref="ShortestDouble"/>) and written in input order, a few chunks at a time, so the text of a large block is
    /// never held whole.
    /// </summary>
    public static void WritePolicyReserves(Stream stream, IEnumerable<PolicyReserve> reserves)
    {
        var rows = reserves as IReadOnlyList<PolicyReserve> ?? reserves.ToList();
        stream.Write(Encoding.UTF8.GetBytes(PolicyReserveHeader + "\n"));
        var chunks = (rows.Count + ChunkRows - 1) / ChunkRows;
        var wave = Math.Max(1, Environment.ProcessorCount * 2);
        var buffers = new byte[]?[Math.Min(wave, chunks)];
        var lengths = new int[buffers.Length];
        for (var first = 0; first < chunks; first += wave)
        {
            var count = Math.Min(wave, chunks - first);
            Parallel.For(0, count, k =>
            {
                var from = (first + k) * ChunkRows;
                lengths[k] = Format(rows, from, Math.Min(rows.Count, from + ChunkRows), ref buffers[k]);
            });
            for (var k = 0; k < count; k++) stream.Write(buffers[k]!, 0, lengths[k]);
        }
    }

    // The most a row takes besides its two texts: eight doubles, two integers, separators.
    private const int RowNumbersLength = 8 * (ShortestDouble.MaxLength + 1) + 2 * 12 + 1;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Format(IReadOnlyList<PolicyReserve> rows, int from, int to, ref byte[]? buffer)
    {
        buffer ??= new byte[(to - from) * 192];
        var at = 0;
        for (var i = from; i < to; i++)
        {
            var r = rows[i];
            var most = RowNumbersLength + 2 * Encoding.UTF8.GetMaxByteCount(r.PolicyId.Length + r.BasisId.Length) + 8;
            if (buffer.Length - at < most) Array.Resize(ref buffer, Math.Max(buffer.Length * 2, at + most));
            var span = buffer.AsSpan();
            at += Text(span[at..], r.PolicyId);
            span[at++] = (byte)',';
            at += Text(span[at..], r.BasisId);
            span[at++] = (byte)',';
            at += Integer(span[at..], r.PolicyYear);
            span[at++] = (byte)',';
            at += Integer(span[at..], r.IssueYear);
            at += Number(span[at..], r.Alpha);
            at += Number(span[at..], r.Beta);
            at += Number(span[at..], r.TerminalStart);
            at += Number(span[at..], r.TerminalEnd);
            at += Number(span[at..], r.MeanReserve);
            at += Number(span[at..], r.InterpolatedReserve);
            at += Number(span[at..], r.DeficiencyReserve);
            at += Number(span[at..], r.Reserve);
            span[at++] = (byte)'\n';
        }
        return at;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Text(Span<byte> destination, string text) => Encoding.UTF8.GetBytes(Quote(text), destination);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Integer(Span<byte> destination, int value) =>
        value.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture) ? written : throw new InvalidOperationException("number too long");

    // A comma, then the number.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Number(Span<byte> destination, double value)
    {
        destination[0] = (byte)',';
        return ShortestDouble.TryFormat(value, destination[1..], out var written) ? written + 1 : throw new InvalidOperationException("number too long");
    }

    public static void WriteExhibit(Stream stream, IEnumerable<ExhibitLine> lines)
    {
        using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        w.WriteLine("line,description,amount");
        foreach (var l in lines)
            w.WriteLine($"{l.Line},{Quote(l.Description)},{l.Amount.ToString("0", CultureInfo.InvariantCulture)}");
    }

    /// <summary>Shortest text that reads back to the same double.</summary>
    public static string Full(double value) => ShortestDouble.Format(value);

    // -12345.67 is an amount, not a formula.
    private static bool IsPlainNumber(string text)
    {
        var digits = text.AsSpan(text[0] is '-' or '+' ? 1 : 0);
        var point = digits.IndexOf('.');
        return digits.Length > 0 && point != 0 && point != digits.Length - 1
            && !digits.ContainsAnyExcept("0123456789.") && digits.Count('.') <= 1;
    }

    /// <summary>
    /// A text cell as CSV: quoted when it holds a comma, quote or line break; a cell a spreadsheet would read as a
    /// formula
    /// (starting with =, +, -, @, tab or carriage return) gets a leading apostrophe, as OWASP advises against CSV
    /// injection.
    /// </summary>
    public static string Quote(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !IsPlainNumber(text)) text = "'" + text;
        return text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"") + "\"";
    }
}
