using Reserves.Actuarial.Bases;
using Reserves.Actuarial.Reserves;

namespace Reserves.Exhibits;

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

    public static IReadOnlyList<ExhibitLine> Build(IEnumerable<ValuationBasis> bases, IEnumerable<PolicyReserve> reserves)
    {
        var byBasis = new Dictionary<string, (decimal Sum, int FirstYear, int LastYear)>(StringComparer.Ordinal);
        var deficiency = 0m;
        foreach (var r in reserves)
        {
            var reserve = Money.FromPresentValue(r.Reserve);
            deficiency += Money.FromPresentValue(r.DeficiencyReserve);
            byBasis[r.BasisId] = byBasis.TryGetValue(r.BasisId, out var s)
                ? (s.Sum + reserve, Math.Min(s.FirstYear, r.IssueYear), Math.Max(s.LastYear, r.IssueYear))
                : (reserve, r.IssueYear, r.IssueYear);
        }

        var lines = new List<ExhibitLine>();
        var total = 0m;
        foreach (var basis in bases)
        {
            if (!byBasis.TryGetValue(basis.Id, out var s)) continue;
            var years = s.FirstYear == s.LastYear ? $"issued {s.FirstYear}" : $"issued {s.FirstYear} to {s.LastYear}";
            lines.Add(Line(lines.Count + 1, $"{basis.Label} ({years})", s.Sum));
            total += s.Sum;
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
