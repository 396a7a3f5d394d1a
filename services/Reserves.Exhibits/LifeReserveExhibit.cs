using Reserves.Actuarial.Bases;
using Reserves.Actuarial.Reserves;
using System.Runtime.CompilerServices;

namespace Reserves.Exhibits;

/// <summary>Sums of one basis over a block of policies: reserve and deficiency (decimal, 6 places each), issue years, count.</summary>
public sealed record BasisTotals(string BasisId, decimal Reserve, decimal Deficiency, int FirstIssueYear, int LastIssueYear, int Policies)
{
    public static BasisTotals operator +(BasisTotals a, BasisTotals b) => new(a.BasisId, a.Reserve + b.Reserve, a.Deficiency + b.Deficiency,
        Math.Min(a.FirstIssueYear, b.FirstIssueYear), Math.Max(a.LastIssueYear, b.LastIssueYear), a.Policies + b.Policies);
}

/// <summary>One printed line of an exhibit: line number, description and whole-dollar amount.</summary>
public sealed record ExhibitLine(string Line, string Description, decimal Amount, decimal UnroundedAmount);

/// <summary>
/// The life reserve exhibit (Exhibit 5 of the general-account blank, Exhibit 3 of the separate-accounts blank):
/// one line per valuation basis in the order of the bases file, labelled with the issue-year range of its policies
/// and numbered 0100001, 0100002, ...; then the deficiency reserves (SVL section 8) on their own line, the life
/// subtotal 0199999 and the grand total 9999999. Bases without policies print no line.
/// </summary>
public static class LifeReserveExhibit
{
    public const string DeficiencyDescription = "Deficiency reserves (SVL section 8)";

    public static IReadOnlyList<ExhibitLine> Build(IEnumerable<ValuationBasis> bases, IEnumerable<PolicyReserve> reserves) =>
        Build(bases, Totals(reserves));

    /// <summary>Per-basis sums of a block of results (the sums a segment keeps): exact decimals, any order.</summary>
    public static IReadOnlyList<BasisTotals> Totals(IEnumerable<PolicyReserve> reserves)
    {
        if (reserves is not IReadOnlyList<PolicyReserve> { Count: >= ParallelThreshold } list)
        {
            var sums = new BasisSums();
            foreach (var r in reserves) sums.Add(r);
            return sums.ToTotals();
        }
        // Each figure is rounded before it is added, so the parts' sums add up to the same decimals in any order.
        var parts = Environment.ProcessorCount * 4;
        var size = (list.Count + parts - 1) / parts;
        var partial = new BasisSums[parts];
        Parallel.For(0, parts, k =>
        {
            var part = partial[k] = new BasisSums();
            for (var i = k * size; i < Math.Min(list.Count, (k + 1) * size); i++) part.Add(list[i]);
        });
        return partial.SelectMany(p => p.ToTotals()).GroupBy(t => t.BasisId, StringComparer.Ordinal).Select(g => g.Aggregate((a, b) => a + b)).ToList();
    }

    private const int ParallelThreshold = 50_000;

    // Running sums by basis without an object per policy; the basis of the previous result is tried first.
    private sealed class BasisSums
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly List<(string BasisId, decimal Reserve, decimal Deficiency, int First, int Last, int Policies)> _sums = [];
        private string? _lastBasis;
        private int _last;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(in PolicyReserve r)
        {
            if (!ReferenceEquals(r.BasisId, _lastBasis))
            {
                if (!_index.TryGetValue(r.BasisId, out _last))
                {
                    _last = _sums.Count;
                    _index[r.BasisId] = _last;
                    _sums.Add((r.BasisId, 0m, 0m, r.IssueYear, r.IssueYear, 0));
                }
                _lastBasis = r.BasisId;
            }
            var s = _sums[_last];
            var deficiency = r.DeficiencyReserve == 0 ? 0m : Money.FromPresentValue(r.DeficiencyReserve);
            _sums[_last] = (s.BasisId, s.Reserve + Money.FromPresentValue(r.Reserve), s.Deficiency + deficiency,
                Math.Min(s.First, r.IssueYear), Math.Max(s.Last, r.IssueYear), s.Policies + 1);
        }

        public IReadOnlyList<BasisTotals> ToTotals() =>
            _sums.Select(s => new BasisTotals(s.BasisId, s.Reserve, s.Deficiency, s.First, s.Last, s.Policies)).ToList();
    }

    /// <summary>The exhibit from per-basis sums (of one block or of many segments added together).</summary>
    public static IReadOnlyList<ExhibitLine> Build(IEnumerable<ValuationBasis> bases, IEnumerable<BasisTotals> totals)
    {
        var byBasis = new Dictionary<string, BasisTotals>(StringComparer.Ordinal);
        foreach (var t in totals) byBasis[t.BasisId] = byBasis.TryGetValue(t.BasisId, out var s) ? s + t : t;
        var lines = new List<ExhibitLine>();
        var total = 0m;
        var deficiency = byBasis.Values.Sum(t => t.Deficiency);
        foreach (var basis in bases)
        {
            if (!byBasis.TryGetValue(basis.Id, out var s)) continue;
            var years = s.FirstIssueYear == s.LastIssueYear ? $"issued {s.FirstIssueYear}" : $"issued {s.FirstIssueYear} to {s.LastIssueYear}";
            lines.Add(Line(lines.Count + 1, $"{basis.Label} ({years})", s.Reserve));
            total += s.Reserve;
        }
        lines.Add(Line(lines.Count + 1, DeficiencyDescription, deficiency));
        total += deficiency;
        lines.Add(new ExhibitLine("0199999", "Totals", Money.WholeDollars(total), total));
        lines.Add(new ExhibitLine("9999999", "Totals (life reserves)", Money.WholeDollars(total), total));
        return lines;
    }

    private static ExhibitLine Line(int number, string description, decimal amount) =>
        new($"01{number:D5}", description, Money.WholeDollars(amount), amount);
}
