using System.Globalization;
using System.Text;
using Reserves.Exhibits.Avr;
using Reserves.Inputs;
using Reserves.ServiceHosting;
using static Reserves.ServiceHosting.RequestFields;
using Reserves.Investments.Avr;
using Contract = Reserves.Contracts.Avr.V1;

namespace Reserves.Avr.Service;

/// <summary>Maps the avr/v1 contract to the library and back; amounts travel as exact decimal strings.</summary>
public static class AvrContractMapping
{
    public const string Source = "request";

    public static AvrFactorSet FactorSet(Contract.FactorSetChoice? choice, string field = "factors")
    {
        if (choice is null || choice.StatementYear <= 0)
            throw new InvalidInputException(new InputError(Source, null, null, $"{field}.statement_year", "statement_year is required"));
        if (string.IsNullOrWhiteSpace(choice.FactorSetJson)) return AvrFactorSetReader.ForYear(choice.StatementYear, null);
        using var json = new MemoryStream(Encoding.UTF8.GetBytes(choice.FactorSetJson));
        return AvrFactorSetReader.ForYear(choice.StatementYear, json, $"{field}.factor_set_json");
    }

    public static decimal? Eaf(string text, string field = "eaf")
    {
        var f = new RequestFields();
        var value = f.OptionalAmount(text, field);
        f.ThrowIfAny();
        return value;
    }

    public static List<Holding> Holdings(IReadOnlyList<Contract.Holding> holdings)
    {
        var f = new RequestFields("holdings");
        var result = new List<Holding>(holdings.Count);
        for (var i = 0; i < holdings.Count && f.Errors.Count < InvalidInputException.MaxErrors; i++)
        {
            var h = holdings[i];
            var before = f.Errors.Count;
            if (!AvrCodes.TryParseAssetType(h.AssetType, out var type))
                f.Error("asset_type", $"'{h.AssetType}': asset_type must be one of {AvrCodes.AssetTypeList}", i);
            var holding = new Holding(h.AssetId, type, h.NaicDesignation.Trim().ToUpperInvariant(), h.Exempt,
                h.MortgageType.Trim().ToLowerInvariant(), h.MortgageStatus.Trim().ToLowerInvariant(),
                f.Amount(h.Bacv, "bacv", i), f.Amount(h.RelatedPartyEncumbrances, "related_party_encumbrances", i),
                f.Amount(h.ThirdPartyEncumbrances, "third_party_encumbrances", i));
            if (f.Errors.Count == before) result.Add(holding);
        }
        f.ThrowIfAny();
        return result;
    }

    public static Contract.Holding ToContract(Holding h) => new()
    {
        AssetId = h.AssetId,
        AssetType = h.AssetType.Code(),
        NaicDesignation = h.Designation,
        Exempt = h.Exempt,
        MortgageType = h.MortgageType,
        MortgageStatus = h.MortgageStatus,
        Bacv = Text(h.Bacv),
        RelatedPartyEncumbrances = Text(h.RelatedPartyEncumbrances),
        ThirdPartyEncumbrances = Text(h.ThirdPartyEncumbrances),
    };

    public static Dictionary<AvrSubComponent, AvrRollForwardInput> RollForwardInputs(IDictionary<string, Contract.RollForwardInput> inputs)
    {
        var f = new RequestFields();
        var result = new Dictionary<AvrSubComponent, AvrRollForwardInput>();
        foreach (var (key, i) in inputs)
        {
            if (!AvrCodes.TryParseSubComponent(key, out var part))
            {
                f.Error($"inputs[{key}]", "keys are default_other, default_mortgage, equity_common, equity_other");
                continue;
            }
            string F(string name) => $"inputs[{key}].{name}";
            result[part] = new AvrRollForwardInput(f.Amount(i.PriorReserve, F("prior_reserve")), f.Amount(i.RealizedGeneral, F("realized_general")),
                f.Amount(i.RealizedSeparate, F("realized_separate")), f.Amount(i.UnrealizedGeneral, F("unrealized_general")),
                f.Amount(i.UnrealizedSeparate, F("unrealized_separate")), f.Amount(i.CreditedToContracts, F("credited_to_contracts")),
                f.Amount(i.VoluntaryContribution, F("voluntary_contribution")));
        }
        f.ThrowIfAny();
        return result;
    }

    public static Contract.RollForwardInput ToContract(AvrRollForwardInput i) => new()
    {
        PriorReserve = Text(i.PriorReserve),
        RealizedGeneral = Text(i.RealizedGeneral),
        RealizedSeparate = Text(i.RealizedSeparate),
        UnrealizedGeneral = Text(i.UnrealizedGeneral),
        UnrealizedSeparate = Text(i.UnrealizedSeparate),
        CreditedToContracts = Text(i.CreditedToContracts),
        VoluntaryContribution = Text(i.VoluntaryContribution),
    };

    public static Contract.FactorSetInfo Info(AvrFactorSet set) => new()
    {
        StatementYear = set.StatementYear,
        Source = set.Source,
        DesignationStructure = set.Structure.Name,
        UsesEaf = set.UsesEaf,
    };

    public static Contract.ComputeComponentsResponse ToContract(AvrComponents c)
    {
        var response = new Contract.ComputeComponentsResponse { FactorSet = Info(c.FactorSet), Eaf = Text(c.ExperienceAdjustmentFactor) };
        response.DefaultComponent.AddRange(c.DefaultPage.Select(ToContract));
        response.EquityComponent.AddRange(c.EquityPage.Select(ToContract));
        foreach (var part in Enum.GetValues<AvrSubComponent>())
        {
            var a = c.SubComponent(part);
            response.SubComponents.Add(new Contract.SubComponentAmounts
            {
                SubComponent = part.Code(),
                BasicContribution = Text(a.BasicContribution),
                ReserveObjective = Text(a.ReserveObjective),
                MaximumReserve = Text(a.Maximum),
            });
        }
        return response;
    }

    public static Contract.PageLine ToContract(AvrLine l) => new()
    {
        Line = l.Definition.Line,
        Designation = l.Definition.Designation ?? "",
        Description = l.Definition.Description,
        Section = l.Definition.Section ?? "",
        Group = l.Definition.Group ?? "",
        Total = l.Definition.IsTotal,
        Bacv = Text(l.Bacv),
        RelatedPartyEncumbrances = Text(l.RelatedPartyEncumbrances),
        ThirdPartyEncumbrances = Text(l.ThirdPartyEncumbrances),
        Balance = Text(l.Balance),
        BcFactor = Text(l.Factors?.BasicContribution),
        BasicContribution = Text(l.Amounts.BasicContribution),
        RoFactor = Text(l.Factors?.ReserveObjective),
        ReserveObjective = Text(l.Amounts.ReserveObjective),
        MaxFactor = Text(l.Factors?.Maximum),
        MaximumReserve = Text(l.Amounts.Maximum),
        Holdings = l.Holdings,
    };

    public static IEnumerable<Contract.RollForwardLine> ToContract(AvrRollForwardResult r) => Enumerable.Range(1, 16).Select(line => new Contract.RollForwardLine
    {
        Line = line,
        Description = AvrRollForwardResult.Descriptions[line - 1],
        DefaultOther = Text(r.Value(AvrSubComponent.DefaultOther, line)),
        DefaultMortgage = Text(r.Value(AvrSubComponent.DefaultMortgage, line)),
        DefaultTotal = Text(r.DefaultTotal(line)),
        EquityCommon = Text(r.Value(AvrSubComponent.EquityCommon, line)),
        EquityOther = Text(r.Value(AvrSubComponent.EquityOther, line)),
        EquityTotal = Text(r.EquityTotal(line)),
        Total = Text(r.Total(line)),
    });

    /// <summary>The report the CLI and the exhibit set write, read back from a response (amounts exact).</summary>
    public static AvrReport FromContract(Contract.ComputeComponentsResponse c, IEnumerable<Contract.RollForwardLine>? roll) => new(
        c.FactorSet.StatementYear, c.FactorSet.Source, c.FactorSet.DesignationStructure, D(c.Eaf),
        c.DefaultComponent.Select(Row).ToList(), c.EquityComponent.Select(Row).ToList(),
        roll?.Select(r => new AvrRollForwardRow(r.Line, r.Description, D(r.DefaultOther), D(r.DefaultMortgage), D(r.DefaultTotal),
            D(r.EquityCommon), D(r.EquityOther), D(r.EquityTotal), D(r.Total))).ToList());

    private static AvrPageRow Row(Contract.PageLine l) => new(l.Line, l.Designation, l.Description, l.Total, D(l.Bacv), D(l.RelatedPartyEncumbrances),
        D(l.ThirdPartyEncumbrances), D(l.Balance), N(l.BcFactor), D(l.BasicContribution), N(l.RoFactor), D(l.ReserveObjective), N(l.MaxFactor), D(l.MaximumReserve));

    private static decimal D(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
    private static decimal? N(string text) => text.Length == 0 ? null : D(text);

    public static Contract.FactorLine ToContract(AvrLineDefinition d)
    {
        var line = new Contract.FactorLine
        {
            Line = d.Line,
            Designation = d.Designation ?? "",
            Description = d.Description,
            Section = d.Section ?? "",
            Group = d.Group ?? "",
            Component = d.Component?.Code() ?? "",
            AssetType = d.AssetType?.Code() ?? "",
            Exempt = d.Exempt,
            MortgageType = d.MortgageType ?? "",
            MortgageStatus = d.MortgageStatus ?? "",
            BcFactor = Text(d.Factors?.BasicContribution),
            RoFactor = Text(d.Factors?.ReserveObjective),
            MaxFactor = Text(d.Factors?.Maximum),
            Eaf = d.Eaf,
            Restructured = d.Restructured is not null,
        };
        line.SumOf.AddRange(d.SumOf);
        return line;
    }
}
