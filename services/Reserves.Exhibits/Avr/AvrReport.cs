using Reserves.Investments.Avr;

namespace Reserves.Exhibits.Avr;

/// <summary>One line of an AVR calculation page as printed: unrounded amounts (the CSV rounds each cell).</summary>
public sealed record AvrPageRow(
    string Line,
    string Designation,
    string Description,
    bool Total,
    decimal Bacv,
    decimal RelatedPartyEncumbrances,
    decimal ThirdPartyEncumbrances,
    decimal Balance,
    decimal? BcFactor,
    decimal BasicContribution,
    decimal? RoFactor,
    decimal ReserveObjective,
    decimal? MaxFactor,
    decimal MaximumReserve);

/// <summary>One line (1-16) of the roll-forward, by sub-component and in total (unrounded).</summary>
public sealed record AvrRollForwardRow(
    int Line,
    string Description,
    decimal DefaultOther,
    decimal DefaultMortgage,
    decimal DefaultTotal,
    decimal EquityCommon,
    decimal EquityOther,
    decimal EquityTotal,
    decimal Total);

/// <summary>Everything an AVR run produces: the factor set used, the two pages and, when asked, the roll-forward.</summary>
public sealed record AvrReport(
    int StatementYear,
    string FactorSetSource,
    string DesignationStructure,
    decimal ExperienceAdjustmentFactor,
    IReadOnlyList<AvrPageRow> DefaultComponent,
    IReadOnlyList<AvrPageRow> EquityComponent,
    IReadOnlyList<AvrRollForwardRow>? RollForward)
{
    public static AvrReport From(AvrComponents components, AvrRollForwardResult? rollForward) => new(
        components.FactorSet.StatementYear,
        components.FactorSet.Source,
        components.FactorSet.Structure.Name,
        components.ExperienceAdjustmentFactor,
        components.DefaultPage.Select(Row).ToList(),
        components.EquityPage.Select(Row).ToList(),
        rollForward is null ? null : Rows(rollForward));

    public static AvrPageRow Row(AvrLine l) => new(l.Definition.Line, l.Definition.Designation ?? "", l.Definition.Description,
        l.Definition.IsTotal, l.Bacv, l.RelatedPartyEncumbrances, l.ThirdPartyEncumbrances, l.Balance,
        l.Factors?.BasicContribution, l.Amounts.BasicContribution, l.Factors?.ReserveObjective, l.Amounts.ReserveObjective,
        l.Factors?.Maximum, l.Amounts.Maximum);

    public static IReadOnlyList<AvrRollForwardRow> Rows(AvrRollForwardResult r) => Enumerable.Range(1, 16).Select(line => new AvrRollForwardRow(
        line, AvrRollForwardResult.Descriptions[line - 1],
        r.Value(AvrSubComponent.DefaultOther, line), r.Value(AvrSubComponent.DefaultMortgage, line), r.DefaultTotal(line),
        r.Value(AvrSubComponent.EquityCommon, line), r.Value(AvrSubComponent.EquityOther, line), r.EquityTotal(line), r.Total(line))).ToList();
}
