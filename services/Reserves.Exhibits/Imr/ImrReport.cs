using Reserves.Investments.Avr;
using Reserves.Investments.Imr;

namespace Reserves.Exhibits.Imr;

public sealed record ImrRoutingRow(string DisposalId, string Route, string Rule, decimal PreTaxGain, decimal Tax, decimal AfterTaxGain, string AvrSubComponent);

public sealed record ImrAmortizationRow(string DisposalId, string Method, int Year, decimal PreTax, decimal AfterTax);

public sealed record ImrPageRow(string Line, string Description, decimal Amount);

public sealed record ImrExhibitLine(int Line, int Year, bool AndLater, decimal PriorReserve, decimal CurrentYearGains, decimal LiabilityAdjustment, decimal Balance)
{
    public string YearLabel => AndLater ? $"{Year} and Later" : Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public sealed record ImrNegative(decimal NetImr, decimal Disallowed, decimal Admitted, decimal Nonadmitted, string Presentation, string Reason);

/// <summary>Everything an IMR run produces, unrounded (writers round what they print).</summary>
public sealed record ImrReport(
    DateOnly StatementDate,
    string Method,
    decimal PreTaxGains,
    decimal Taxes,
    IReadOnlyList<ImrRoutingRow> Routing,
    IReadOnlyList<ImrAmortizationRow> Amortization,
    IReadOnlyList<ImrPageRow> Page,
    IReadOnlyList<ImrExhibitLine> Exhibit,
    IReadOnlyList<YearAmount> CarryForward,
    ImrNegative NegativeImr,
    IReadOnlyDictionary<string, decimal> AvrRealizedGains,
    IReadOnlyDictionary<int, string> MethodLock,
    IReadOnlyList<YearAmount> IgnoredPrior)
{
    public static string PresentationName(NegativeImrPresentation p) =>
        p == NegativeImrPresentation.NegativeLiability ? "negative-liability" : "nonadmitted-asset";

    public static ImrRoutingRow Row(RoutedGain g) =>
        new(g.DisposalId, g.Route == GainRoute.Imr ? "IMR" : "AVR", g.Rule, g.PreTaxGain, g.Tax, g.AfterTaxGain, g.AvrSubComponent?.Code() ?? "");

    public static ImrReport From(ImrRunResult r) => new(
        r.StatementDate,
        ImrRun.Name(r.Method),
        r.Page.PreTaxGains,
        r.Page.Taxes,
        r.Routing.Select(Row).ToList(),
        r.Schedules.SelectMany(s => s.Years.Select(y => new ImrAmortizationRow(s.DisposalId, s.Method, y.Year, y.PreTax, y.AfterTax))).ToList(),
        r.Page.Lines(r.StatementDate).Select(l => new ImrPageRow(l.Line, l.Description, l.Amount)).ToList(),
        r.Exhibit.Select(e => new ImrExhibitLine(e.Line, e.Year, e.AndLater, e.PriorReserve, e.CurrentYearGains, e.LiabilityAdjustment, e.Balance)).ToList(),
        r.CarryForward,
        new ImrNegative(r.NegativeImr.NetImr, r.NegativeImr.Disallowed, r.NegativeImr.Admitted, r.NegativeImr.Nonadmitted,
            PresentationName(r.NegativeImr.Presentation), r.NegativeImr.Reason),
        r.AvrRealizedGains.ToDictionary(p => p.Key.Code(), p => p.Value),
        r.MethodLock.ToDictionary(p => p.Key, p => ImrRun.Name(p.Value)),
        r.IgnoredPriorRows);
}
