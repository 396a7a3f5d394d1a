using Reserves.Inputs;

namespace Reserves.Investments.Avr;

/// <summary>One line of the calculation page with its summed columns (unrounded) and its effective factors.</summary>
public sealed record AvrLine(
    AvrLineDefinition Definition,
    decimal Bacv,
    decimal RelatedPartyEncumbrances,
    decimal ThirdPartyEncumbrances,
    AvrTriple? Factors,
    AvrTriple Amounts,
    int Holdings)
{
    public decimal Balance => Bacv + RelatedPartyEncumbrances + ThirdPartyEncumbrances;
}

/// <summary>The calculation pages of a year: every line, and the basic contribution, reserve objective and maximum
/// of each sub-component (from its subcomponent_total line; zero when the set has none).</summary>
public sealed record AvrComponents(AvrFactorSet FactorSet, decimal ExperienceAdjustmentFactor, IReadOnlyList<AvrLine> Lines)
{
    public AvrTriple SubComponent(AvrSubComponent part) =>
        Lines.FirstOrDefault(l => l.Definition.SubcomponentTotal == part)?.Amounts ?? AvrTriple.Zero;

    public IEnumerable<AvrLine> DefaultPage => Lines.Where(l => FactorSet.IsDefaultPage(l.Definition));
    public IEnumerable<AvrLine> EquityPage => Lines.Where(l => !FactorSet.IsDefaultPage(l.Definition));
}

/// <summary>
/// Basic contribution, reserve objective and maximum reserve by page line (domain.md 2.1): each holding lands on
/// one line; balance = BACV + the encumbrances the line takes; amount = balance x factor, summed unrounded in decimal.
/// </summary>
public static class AvrCalculator
{
    public static AvrComponents Compute(IReadOnlyList<Holding> holdings, AvrFactorSet set, decimal? experienceAdjustmentFactor = null, string source = "holdings")
    {
        var eaf = experienceAdjustmentFactor ?? 1m;
        if (eaf <= 0)
            throw new InvalidInputException(new InputError(source, null, null, "eaf", $"the experience adjustment factor {eaf} must be positive"));
        if (experienceAdjustmentFactor is not null && !set.UsesEaf)
            throw new InvalidInputException(new InputError(source, null, null, "eaf", $"the {set.StatementYear} factor set uses no experience adjustment factor"));
        var errors = new List<InputError>();
        var sums = set.Lines.ToDictionary(l => l.Line, _ => (Bacv: 0m, Related: 0m, Third: 0m, Amounts: AvrTriple.Zero, Count: 0), StringComparer.Ordinal);

        for (var i = 0; i < holdings.Count && errors.Count < InvalidInputException.MaxErrors; i++)
        {
            var h = holdings[i];
            void Error(string field, string message) => errors.Add(new InputError(source, null, null, field, message, i, "holdings"));
            var before = errors.Count;
            foreach (var (field, message) in HoldingRules.Check(h)) Error(field, message);
            if (errors.Count > before) continue;

            var line = FindLine(set, h.AssetType, h, Error);
            if (line is null) continue;
            var factorLine = line.FactorsFromAssetType is { } from ? FindLine(set, from, h, Error) : line;
            if (factorLine is null) continue;
            if (h.Bacv < 0 && !line.AllowsNegative)
                Error("bacv", $"a negative book/adjusted carrying value is not allowed on line {line.Line} ({line.Description})");
            if (h.RelatedPartyEncumbrances != 0 && !line.RelatedPartyEncumbrances)
                Error("related_party_encumbrances", $"line {line.Line} ({line.Description}) takes no related-party encumbrances (XXX on the page)");
            if (h.ThirdPartyEncumbrances != 0 && !line.ThirdPartyEncumbrances)
                Error("third_party_encumbrances", $"line {line.Line} ({line.Description}) takes no third-party encumbrances (XXX on the page)");
            if (errors.Count > before) continue;

            var factors = EffectiveFactors(set, factorLine, eaf);
            var balance = h.Bacv + h.RelatedPartyEncumbrances + h.ThirdPartyEncumbrances;
            var s = sums[line.Line];
            sums[line.Line] = (s.Bacv + h.Bacv, s.Related + h.RelatedPartyEncumbrances, s.Third + h.ThirdPartyEncumbrances,
                s.Amounts + factors.Times(balance), s.Count + 1);
        }
        if (errors.Count > 0) throw new InvalidInputException(errors);

        var lines = new List<AvrLine>();
        var byNumber = new Dictionary<string, AvrLine>(StringComparer.Ordinal);
        foreach (var d in set.Lines)
        {
            AvrLine line;
            if (d.IsTotal)
            {
                var members = d.SumOf.Select(m => byNumber[m]).ToList();
                line = new AvrLine(d, members.Sum(m => m.Bacv), members.Sum(m => m.RelatedPartyEncumbrances), members.Sum(m => m.ThirdPartyEncumbrances),
                    null, members.Aggregate(AvrTriple.Zero, (a, m) => a + m.Amounts), members.Sum(m => m.Holdings));
            }
            else
            {
                var s = sums[d.Line];
                var printed = d.FactorsFromAssetType is null && (d.Factors is not null || d.Restructured is not null) ? EffectiveFactors(set, d, eaf) : (AvrTriple?)null;
                line = new AvrLine(d, s.Bacv, s.Related, s.Third, printed, s.Amounts, s.Count);
            }
            lines.Add(line);
            byNumber[d.Line] = line;
        }
        return new AvrComponents(set, eaf, lines);
    }

    /// <summary>
    /// The line a holding lands on. Unknown designations for the set's structure are bad input; a combination the set
    /// has no line for is a missing assumption naming the year and the asset.
    /// </summary>
    private static AvrLineDefinition? FindLine(AvrFactorSet set, AssetType type, Holding h, Action<string, string> error)
    {
        var candidates = set.Lines.Where(l => l.AssetType == type).ToList();
        if (candidates.Count == 0)
            throw new AssumptionMissingException($"avr factors {set.StatementYear} {type.Code()}",
                $"the {set.StatementYear} AVR factor set has no line for {type.Code()} (asset {h.AssetId}); give a factor set with that line");
        if (type.IsMortgage())
        {
            var status = h.MortgageStatus;
            var line = candidates.FirstOrDefault(l => l.MortgageStatus == status && (l.MortgageType is null || l.MortgageType == h.MortgageType))
                       ?? candidates.FirstOrDefault(l => l.MortgageStatus is null && l.MortgageType is null);
            return line ?? throw new AssumptionMissingException($"avr factors {set.StatementYear} {type.Code()} {h.MortgageType} {status}",
                $"the {set.StatementYear} AVR factor set has no line for {type.Code()} {h.MortgageType} {status} (asset {h.AssetId})");
        }
        if (h.Exempt)
        {
            var exempt = candidates.FirstOrDefault(l => l.Exempt);
            if (exempt is null) error("exempt", $"the {set.StatementYear} factor set has no exempt-obligation line for {type.Code()}");
            return exempt;
        }
        var designated = candidates.Where(l => !l.Exempt && l.Designation is not null).ToList();
        if (designated.Count == 0)
            return candidates.FirstOrDefault(l => !l.Exempt) ?? throw new AssumptionMissingException($"avr factors {set.StatementYear} {type.Code()}",
                $"the {set.StatementYear} AVR factor set has no line for non-exempt {type.Code()} (asset {h.AssetId})");
        var match = designated.FirstOrDefault(l => l.Designation == h.Designation);
        if (match is not null) return match;
        if (!set.Structure.Contains(h.Designation) || (h.Designation == DesignationStructure.ExchangeTraded && type != AssetType.Derivative))
            error("naic_designation", h.Designation.Length == 0
                ? $"{type.Code()} needs an NAIC designation ({set.StatementYear} factor set: {set.Structure.Describe()})"
                : $"designation '{h.Designation}' is not in the {set.StatementYear} factor set's structure: {set.Structure.Describe()}");
        else
            throw new AssumptionMissingException($"avr factors {set.StatementYear} {type.Code()} {h.Designation}",
                $"the {set.StatementYear} AVR factor set has no line for {type.Code()} designation {h.Designation} (asset {h.AssetId})");
        return null;
    }

    /// <summary>The line's factors after the EAF (lines marked (a)) and the restructured-loan rule (footnote (b)).</summary>
    public static AvrTriple EffectiveFactors(AvrFactorSet set, AvrLineDefinition line, decimal eaf)
    {
        if (line.Restructured is { } rule)
        {
            var igs = set.Line(rule.IgsLine);
            var igsMaximum = EffectiveFactors(set, igs, eaf).Maximum;
            var maximum = Math.Max(rule.MaximumFloor, igsMaximum + rule.SpreadOverIgs);
            return new AvrTriple(rule.Shares.BasicContribution * maximum, rule.Shares.ReserveObjective * maximum, rule.Shares.Maximum * maximum);
        }
        var factors = line.Factors ?? throw new InvalidOperationException($"line {line.Line} has no factors");
        return line.Eaf && set.UsesEaf ? factors.Times(eaf) : factors;
    }
}
