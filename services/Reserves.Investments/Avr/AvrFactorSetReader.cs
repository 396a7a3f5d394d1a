using System.Reflection;
using Reserves.Inputs;

namespace Reserves.Investments.Avr;

/// <summary>
/// Reads AVR factor sets (JSON, see avr-2012.json) and holds the ones shipped with Reserves. A malformed file fails
/// with its name and JSON position; a set that contradicts itself (unknown line in a sum, a designation outside its
/// structure) fails naming the page line.
/// </summary>
public static class AvrFactorSetReader
{
    /// <summary>Statement years with a shipped factor set.</summary>
    public static IReadOnlyList<int> ShippedYears { get; } = typeof(AvrFactorSetReader).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith("avr-factors/avr-", StringComparison.Ordinal))
        .Select(n => int.Parse(n["avr-factors/avr-".Length..^".json".Length])).Order().ToList();

    /// <summary>The shipped set of a year, or null.</summary>
    public static AvrFactorSet? Shipped(int year)
    {
        using var stream = typeof(AvrFactorSetReader).Assembly.GetManifestResourceStream($"avr-factors/avr-{year}.json");
        return stream is null ? null : Read(stream, $"avr-{year}.json (shipped)");
    }

    /// <summary>
    /// The set for a statement year: the given file, which must be for that year, else the shipped one. Throws
    /// <see cref="AssumptionMissingException"/> when there is none.
    /// </summary>
    public static AvrFactorSet ForYear(int year, string? file)
    {
        if (file is null)
            return Shipped(year) ?? throw new AssumptionMissingException($"avr factors {year}",
                $"no AVR factor set for statement year {year} (shipped: {string.Join(", ", ShippedYears)}); give that year's set with --factors");
        using var stream = File.OpenRead(file);
        return ForYear(year, stream, Path.GetFileName(file));
    }

    /// <summary>A given set (JSON), which must be for the statement year.</summary>
    public static AvrFactorSet ForYear(int year, Stream json, string source)
    {
        var set = Read(json, source);
        if (set.StatementYear != year)
            throw new InvalidInputException(new InputError(source, null, null, "statement_year",
                $"the factor set is for statement year {set.StatementYear}, not {year}"));
        return set;
    }

    public static AvrFactorSet Read(Stream json, string source)
    {
        var dto = StrictJson.Deserialize<FactorSetDto>(json, source, "a valid AVR factor set");
        return Validate(dto, source);
    }

    private static AvrFactorSet Validate(FactorSetDto dto, string source)
    {
        var errors = new List<InputError>();
        void Error(string field, string message) => errors.Add(new InputError(source, null, null, field, message));
        var structure = DesignationStructure.Named(dto.DesignationStructure ?? "");
        if (structure is null) Error("designation_structure", $"designation_structure '{dto.DesignationStructure}' must be six or twenty");
        if (dto.StatementYear is < 1992 or > 2200) Error("statement_year", $"statement year {dto.StatementYear} is not plausible");
        if (string.IsNullOrWhiteSpace(dto.Source)) Error("source", "say where the factors come from (source)");
        var lines = new List<AvrLineDefinition>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var l in dto.Lines ?? [])
        {
            var at = $"lines[{l.Line}]";
            if (string.IsNullOrWhiteSpace(l.Line) || !seen.Add(l.Line)) { Error(at, $"line number '{l.Line}' is empty or repeated"); continue; }
            AvrSubComponent? component = null, subTotal = null;
            AssetType? assetType = null, factorsFrom = null;
            if (l.Component is not null) { if (AvrCodes.TryParseSubComponent(l.Component, out var c)) component = c; else Error(at, $"unknown component '{l.Component}'"); }
            if (l.SubcomponentTotal is not null) { if (AvrCodes.TryParseSubComponent(l.SubcomponentTotal, out var c)) subTotal = c; else Error(at, $"unknown subcomponent_total '{l.SubcomponentTotal}'"); }
            if (l.AssetType is not null) { if (AvrCodes.TryParseAssetType(l.AssetType, out var t)) assetType = t; else Error(at, $"unknown asset_type '{l.AssetType}'"); }
            if (l.FactorsFromAssetType is not null) { if (AvrCodes.TryParseAssetType(l.FactorsFromAssetType, out var t)) factorsFrom = t; else Error(at, $"unknown factors_from_asset_type '{l.FactorsFromAssetType}'"); }
            if (l.Designation is not null && structure is not null && !structure.Contains(l.Designation))
                Error(at, $"designation '{l.Designation}' is not in the {structure.Describe()}");
            if (l.MortgageType is not null && !AvrCodes.MortgageTypes.Contains(l.MortgageType)) Error(at, $"unknown mortgage_type '{l.MortgageType}'");
            if (l.MortgageStatus is not null && !AvrCodes.MortgageStatuses.Contains(l.MortgageStatus)) Error(at, $"unknown mortgage_status '{l.MortgageStatus}'");
            var sum = l.SumOf ?? [];
            if (sum.Count > 0 && (assetType is not null || l.Factors is not null)) Error(at, "a total line (sum_of) takes no holdings and no factors");
            if (sum.Count == 0 && component is null) Error(at, "a detail line needs its component");
            if (assetType is not null && l.Factors is null && l.Restructured is null && factorsFrom is null)
                Error(at, "a line that takes holdings needs factors, a restructured rule or factors_from_asset_type");
            var factors = l.Factors is { } f ? new AvrTriple(f.Bc, f.Ro, f.Max) : (AvrTriple?)null;
            if (factors is { } t3 && (t3.BasicContribution < 0 || t3.ReserveObjective < 0 || t3.Maximum < 0 || t3.Maximum > 1))
                Error(at, "factors must be between 0 and 1");
            var restructured = l.Restructured is { } r
                ? new RestructuredRule(r.MaximumFloor, r.SpreadOverIgs, r.IgsLine, new AvrTriple(r.Shares.Bc, r.Shares.Ro, r.Shares.Max))
                : null;
            lines.Add(new AvrLineDefinition(l.Line, l.Description ?? "", l.Section, l.Group, l.Designation, component, assetType,
                l.Exempt ?? false, l.MortgageType, l.MortgageStatus, l.RelatedPartyEncumbrances ?? false, l.ThirdPartyEncumbrances ?? false,
                l.AllowsNegative ?? false, factors, l.Eaf ?? false, restructured, factorsFrom, sum, subTotal));
        }
        var numbers = lines.Select(l => l.Line).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            foreach (var member in lines[i].SumOf)
                if (!numbers.Contains(member) || lines.FindIndex(l => l.Line == member) >= i)
                    Error($"lines[{lines[i].Line}]", $"sum_of names line '{member}', which is not an earlier line");
            if (lines[i].Restructured is { } r && !numbers.Contains(r.IgsLine))
                Error($"lines[{lines[i].Line}]", $"igs_line '{r.IgsLine}' is not a line of the set");
        }
        if (lines.Count == 0) Error("lines", "the set has no lines");
        if (errors.Count > 0) throw new InvalidInputException(errors);
        return new AvrFactorSet(dto.StatementYear, dto.Source!, structure!, dto.UsesEaf, lines);
    }

    private sealed record TripleDto(decimal Bc, decimal Ro, decimal Max);

    private sealed record RestructuredDto(decimal MaximumFloor, decimal SpreadOverIgs, string IgsLine, TripleDto Shares);

    private sealed record LineDto(
        string Line, string? Description, string? Section, string? Group, string? Designation, string? Component, string? AssetType,
        bool? Exempt, string? MortgageType, string? MortgageStatus, bool? RelatedPartyEncumbrances, bool? ThirdPartyEncumbrances,
        bool? AllowsNegative, TripleDto? Factors, bool? Eaf, RestructuredDto? Restructured, string? FactorsFromAssetType,
        List<string>? SumOf, string? SubcomponentTotal);

    private sealed record FactorSetDto(int StatementYear, string? Source, string? DesignationStructure, bool UsesEaf, List<LineDto>? Lines);
}
