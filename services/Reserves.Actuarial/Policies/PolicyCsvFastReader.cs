using System.Globalization;
using System.Text;
using Reserves.Inputs;
using System.Runtime.CompilerServices;

namespace Reserves.Actuarial.Policies;

/// <summary>
/// The fast path of <see cref="PolicyCsvReader"/> for the common file: UTF-8, no quoted fields, every row well formed.
/// Rows are parsed from byte spans in parallel, with no string per field (only the policy id and basis); anything it
/// does not accept makes it give up (null), and the full reader then reports the problem with its line and column.
/// </summary>
internal static class PolicyCsvFastReader
{
    private const int ChunkLines = 16_384;

    private static readonly System.Buffers.SearchValues<byte> Plain = System.Buffers.SearchValues.Create(
        [(byte)'\n', (byte)'\r', .. Enumerable.Range(0x20, 0x7F - 0x20).Where(b => b != '"').Select(b => (byte)b)]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static RecordFile<Policy>? TryRead(byte[] bytes, string source)
    {
        var text = bytes.AsSpan();
        if (text.StartsWith("\uFEFF"u8)) text = text[3..];
        // Anything but printable ASCII and line ends (quotes, control characters, tabs, non-ASCII text, a lone carriage
        // return) and over-long lines are the full reader's: it reads or reports them with their line and column.
        if (text.IndexOfAnyExcept(Plain) >= 0 || text.Count((byte)'\r') != text.Count("\r\n"u8)) return null;

        // Line starts; a final line without a newline counts too.
        var starts = new List<int> { 0 };
        for (var at = text.IndexOf((byte)'\n'); at >= 0;)
        {
            starts.Add(at + 1);
            var next = text[(at + 1)..].IndexOf((byte)'\n');
            at = next < 0 ? -1 : at + 1 + next;
        }
        var data = bytes.AsMemory(bytes.Length - text.Length);
        var header = Line(data.Span, starts, 0);
        if (header.Length > InputLimits.MaxLineCharacters) return null;
        var names = Encoding.UTF8.GetString(header).Split(',').Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < names.Length; c++)
            if (names[c].Length > InputLimits.MaxCellCharacters || (names[c].Length > 0 && !columns.TryAdd(names[c],
                c + 1))) return null;
        if (PolicyCsvReader.RequiredColumns.Any(c => !columns.ContainsKey(c))) return null;
        var index = PolicyCsvReader.RequiredColumns.Select(c => columns[c] - 1).ToArray();
        var width = index.Max() + 1;

        var rows = starts.Count - 1;
        var policies = new Policy?[rows];
        var failed = 0;
        var chunks = (rows + ChunkLines - 1) / ChunkLines;
        Parallel.For(0, Math.Max(1, chunks), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (chunk) =>
        {
            var fields = new Range[Math.Max(width, names.Length) + 1];
            var span = data.Span;
            var basisNames = new BasisNames();
            for (var r = chunk * ChunkLines + 1; r <= Math.Min(rows, (chunk + 1) * ChunkLines) && Volatile.Read(ref failed) == 0; r++)
            {
                var line = Line(span, starts, r);
                if (line.IsEmpty) continue;
                if (line.Length > InputLimits.MaxLineCharacters)
                {
                    Interlocked.Exchange(ref failed, 1);
                    return;
                }
                var count = Split(line, fields);
                if (count < width || count == fields.Length || TooLong(fields[..count]) || Parse(line, fields, index,
                    basisNames) is not { } policy || !PolicyRules.IsValid(policy))
                {
                    Interlocked.Exchange(ref failed, 1);
                    return;
                }
                policies[r - 1] = policy;
            }
        });
        if (failed != 0) return null;

        var records = new List<Policy>(rows);
        var lines = new List<int>(rows);
        var seen = new HashSet<string>(rows, StringComparer.Ordinal);
        for (var r = 0; r < rows; r++)
        {
            if (policies[r] is not { } p) continue;
            if (!seen.Add(p.PolicyId)) return null;
            records.Add(p);
            lines.Add(r + 2);
        }
        return new RecordFile<Policy>(source, records, lines, columns);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ReadOnlySpan<byte> Line(ReadOnlySpan<byte> text, List<int> starts, int row)
    {
        if (row >= starts.Count) return default;
        var end = row + 1 < starts.Count ? starts[row + 1] - 1 : text.Length;
        var line = text[starts[row]..Math.Max(starts[row], end)];
        return line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TooLong(ReadOnlySpan<Range> fields)
    {
        foreach (var f in fields)
            if (f.End.Value - f.Start.Value > InputLimits.MaxCellCharacters) return true;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Split(ReadOnlySpan<byte> line, Span<Range> fields)
    {
        var count = 0;
        var start = 0;
        for (var i = 0; i <= line.Length && count < fields.Length; i++)
        {
            if (i == line.Length || line[i] == (byte)',')
            {
                fields[count++] = new Range(start, i);
                start = i + 1;
            }
        }
        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ReadOnlySpan<byte> Field(ReadOnlySpan<byte> line, Span<Range> fields, int[] index, int k) => line[fields[index[k]]].Trim((byte)' ');

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Policy? Parse(ReadOnlySpan<byte> line, Span<Range> fields, int[] index, BasisNames basisNames)
    {
        var id = Field(line, fields, index, 0);
        if (!TryPlan(Field(line, fields, index, 1), out var plan) || !TryDate(Field(line, fields, index, 2), out var issue) || !TryInt(Field(line, fields, index, 3), out var age)
            || !TrySex(Field(line, fields, index, 4), out var sex) || !TryClass(Field(line, fields, index, 5), out var riskClass)
            || !double.TryParse(Field(line, fields, index, 6), NumberStyles.Float, CultureInfo.InvariantCulture, out var face) || !double.IsFinite(face))
            return null;
        double? gross = null;
        var g = Field(line, fields, index, 7);
        if (!g.IsEmpty)
        {
            if (!double.TryParse(g, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value)) return null;
            gross = value;
        }
        if (!TryOptionalInt(Field(line, fields, index, 8), out var premiumYears) || !TryOptionalInt(Field(line, fields, index, 9), out var benefitYears)) return null;
        return new Policy(Encoding.UTF8.GetString(id), plan, issue, age, sex, riskClass, face, gross, premiumYears, benefitYears,
            basisNames.Get(Field(line, fields, index, 10)));
    }

    // One string per distinct basis id in a chunk, not one per row (a book has a few dozen bases).
    private sealed class BasisNames
    {
        private const int Most = 64;
        private readonly List<(byte[] Bytes, string Name)> _names = [];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public string Get(ReadOnlySpan<byte> bytes)
        {
            foreach (var (known, name) in _names)
                if (bytes.SequenceEqual(known)) return name;
            var text = Encoding.UTF8.GetString(bytes);
            if (_names.Count < Most) _names.Add((bytes.ToArray(), text));
            return text;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryPlan(ReadOnlySpan<byte> s, out Plan plan)
    {
        plan = default;
        if (s.SequenceEqual("WL"u8)) plan = Plan.WholeLife;
        else if (s.SequenceEqual("LP"u8)) plan = Plan.LimitedPay;
        else if (s.SequenceEqual("TERM"u8)) plan = Plan.Term;
        else if (s.SequenceEqual("END"u8)) plan = Plan.Endowment;
        else return false;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TrySex(ReadOnlySpan<byte> s, out Sex sex)
    {
        sex = default;
        if (s.Length != 1) return false;
        switch (s[0])
        {
            case (byte)'M': sex = Sex.Male; return true;
            case (byte)'F': sex = Sex.Female; return true;
            case (byte)'U': sex = Sex.Unisex; return true;
            default: return false;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryClass(ReadOnlySpan<byte> s, out RiskClass riskClass)
    {
        riskClass = RiskClass.Aggregate;
        if (s.IsEmpty) return true;
        if (s.SequenceEqual("NS"u8)) { riskClass = RiskClass.NonSmoker; return true; }
        if (s.SequenceEqual("SM"u8)) { riskClass = RiskClass.Smoker; return true; }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryInt(ReadOnlySpan<byte> s, out int value) =>
        int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryOptionalInt(ReadOnlySpan<byte> s, out int? value)
    {
        value = null;
        if (s.IsEmpty) return true;
        if (!TryInt(s, out var v)) return false;
        value = v;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryDate(ReadOnlySpan<byte> s, out DateOnly date)
    {
        date = default;
        if (s.Length != 10 || s[4] != '-' || s[7] != '-') return false;
        if (!int.TryParse(s[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || !int.TryParse(s[5..7], NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(s[8..], NumberStyles.None, CultureInfo.InvariantCulture, out var d)) return false;
        if (y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        date = new DateOnly(y, m, d);
        return true;
    }
}
