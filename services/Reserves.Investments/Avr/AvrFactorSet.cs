namespace Reserves.Investments.Avr;

/// <summary>Basic contribution, reserve objective and maximum reserve factors (or amounts) of a line.</summary>
public readonly record struct AvrTriple(decimal BasicContribution, decimal ReserveObjective, decimal Maximum)
{
    public static readonly AvrTriple Zero = new(0, 0, 0);
    public static AvrTriple operator +(AvrTriple a, AvrTriple b) =>
        new(a.BasicContribution + b.BasicContribution, a.ReserveObjective + b.ReserveObjective, a.Maximum + b.Maximum);
    public AvrTriple Times(decimal x) => new(BasicContribution * x, ReserveObjective * x, Maximum * x);
}

/// <summary>
/// Footnote (b) of the 2012 page: the maximum factor of a restructured loan in good standing is the greater of a
/// floor (6.4%) and the EAF-adjusted in-good-standing factor of <see cref="IgsLine"/> plus a spread (150 bp); the
/// basic contribution and reserve objective factors are shares (28%, 62%) of it.
/// </summary>
public sealed record RestructuredRule(decimal MaximumFloor, decimal SpreadOverIgs, string IgsLine, AvrTriple Shares);

/// <summary>
/// One line of the calculation pages. A detail line carries factors and says which holdings it takes; a total line
/// sums other lines. <see cref="Factors"/> is null where the page prints XXX (no holding can land there).
/// </summary>
public sealed record AvrLineDefinition(
    string Line,
    string Description,
    string? Section,
    string? Group,
    string? Designation,
    AvrSubComponent? Component,
    AssetType? AssetType,
    bool Exempt,
    string? MortgageType,
    string? MortgageStatus,
    bool RelatedPartyEncumbrances,
    bool ThirdPartyEncumbrances,
    bool AllowsNegative,
    AvrTriple? Factors,
    bool Eaf,
    RestructuredRule? Restructured,
    AssetType? FactorsFromAssetType,
    IReadOnlyList<string> SumOf,
    AvrSubComponent? SubcomponentTotal)
{
    public bool IsTotal => SumOf.Count > 0;
}

/// <summary>
/// A year's AVR factor set: the page lines with their factors, the designation structure, whether mortgage factors
/// use the company's experience adjustment factor, and where the numbers come from. NAIC data, never invented.
/// </summary>
public sealed record AvrFactorSet(
    int StatementYear,
    string Source,
    DesignationStructure Structure,
    bool UsesEaf,
    IReadOnlyList<AvrLineDefinition> Lines)
{
    public AvrLineDefinition Line(string number) => Lines.First(l => l.Line == number);

    /// <summary>The page a line belongs to: default or equity (a total belongs to the page of its first member).</summary>
    public bool IsDefaultPage(AvrLineDefinition line) => line.IsTotal
        ? IsDefaultPage(Line(line.SumOf[0]))
        : line.Component is null or AvrSubComponent.DefaultOther or AvrSubComponent.DefaultMortgage;
}
