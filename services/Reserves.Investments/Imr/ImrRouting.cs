using Reserves.Investments.Avr;

namespace Reserves.Investments.Imr;

public enum GainRoute
{
    Imr,
    Avr,
}

/// <summary>
/// One routed part of a disposal's gain: the route, the rule that decided it, and the amounts net of tax at the
/// disposal's rate (tax rounded to the cent, half away from zero). AVR parts name the roll-forward sub-component.
/// </summary>
public sealed record RoutedGain(string DisposalId, GainRoute Route, string Rule, decimal PreTaxGain, decimal Tax, AvrSubComponent? AvrSubComponent)
{
    public decimal AfterTaxGain => PreTaxGain - Tax;
}

/// <summary>
/// Routing of realized gains and losses between the IMR and the AVR (domain.md 3.1). Each disposal gives one routed
/// part, or two when a credit-related loss is split off (OTTI, loan-backed sales).
/// </summary>
public static class ImrRouting
{
    public const int MortgageDaysPastDueLimit = 90;

    public static class Rules
    {
        public const string BondWithinOne = "bond-within-one-designation";
        public const string BondMovedMore = "bond-moved-more-than-one-designation";
        public const string BondEverNaic6 = "bond-naic6-while-held";
        public const string PreferredWithinOne = "preferred-within-one-designation";
        public const string PreferredMovedMore = "preferred-moved-more-than-one-designation";
        public const string PreferredBelowInvestmentGrade = "preferred-designated-4-to-6-while-held";
        public const string MortgageGoodStanding = "mortgage-in-good-standing";
        public const string MortgagePastDue = "mortgage-over-90-days-past-due";
        public const string MortgageForeclosure = "mortgage-in-foreclosure";
        public const string MortgageRestructured = "mortgage-restructured-within-2-years";
        public const string Equity = "equity-never-to-imr";
        public const string HedgeFollowsItem = "interest-rate-hedge-follows-hedged-item";
        public const string CreditPart = "credit-related-part-to-avr";
        public const string NonCreditPart = "non-credit-part-to-imr";
    }

    /// <param name="taxRate">The disposal's tax rate (its own, else the run's).</param>
    public static IReadOnlyList<RoutedGain> Route(Disposal d, decimal taxRate)
    {
        var (route, rule) = Decide(d);
        var part = SubComponentOf(d.AssetType);
        if (route == GainRoute.Imr && d.CreditLoss is { } credit && credit != 0)
            return [Part(d, GainRoute.Avr, Rules.CreditPart, -credit, taxRate, part), Part(d, GainRoute.Imr, Rules.NonCreditPart, d.PreTaxGain + credit, taxRate, null)];
        return [Part(d, route, rule, d.PreTaxGain, taxRate, route == GainRoute.Avr ? part : null)];
    }

    public static (GainRoute Route, string Rule) Decide(Disposal d)
    {
        var acquired = DisposalCodes.DesignationNumber(d.AcquisitionDesignation);
        var disposed = DisposalCodes.DesignationNumber(d.DisposalDesignation);
        var moved = Math.Abs(disposed - acquired);
        var lowest = Math.Max(Math.Max(acquired, disposed), DisposalCodes.DesignationNumber(d.LowestDesignationHeld));
        switch (d.AssetType)
        {
            case DisposalAssetType.Bond or DisposalAssetType.ShortTermBond:
                if (d.EverNaic6 || lowest == 6) return (GainRoute.Avr, Rules.BondEverNaic6);
                return moved <= 1 ? (GainRoute.Imr, Rules.BondWithinOne) : (GainRoute.Avr, Rules.BondMovedMore);
            case DisposalAssetType.PreferredStock:
                if (d.EverNaic6 || lowest >= 4) return (GainRoute.Avr, Rules.PreferredBelowInvestmentGrade);
                return moved <= 1 ? (GainRoute.Imr, Rules.PreferredWithinOne) : (GainRoute.Avr, Rules.PreferredMovedMore);
            case DisposalAssetType.MortgageLoan:
                if (d.InForeclosure) return (GainRoute.Avr, Rules.MortgageForeclosure);
                if (d.DaysPastDue > MortgageDaysPastDueLimit) return (GainRoute.Avr, Rules.MortgagePastDue);
                if (d.RestructuredWithin2Years) return (GainRoute.Avr, Rules.MortgageRestructured);
                return (GainRoute.Imr, Rules.MortgageGoodStanding);
            case DisposalAssetType.CommonStock:
                return (GainRoute.Avr, Rules.Equity);
            default:
                // An interest-rate hedge follows its hedged item: the bond rules on the designations it carries.
                if (acquired > 0 && disposed > 0 && (d.EverNaic6 || lowest == 6 || moved > 1))
                    return (GainRoute.Avr, Rules.HedgeFollowsItem);
                return (GainRoute.Imr, Rules.HedgeFollowsItem);
        }
    }

    public static AvrSubComponent SubComponentOf(DisposalAssetType type) => type switch
    {
        DisposalAssetType.MortgageLoan => AvrSubComponent.DefaultMortgage,
        DisposalAssetType.CommonStock => AvrSubComponent.EquityCommon,
        _ => AvrSubComponent.DefaultOther,
    };

    private static RoutedGain Part(Disposal d, GainRoute route, string rule, decimal preTax, decimal taxRate, AvrSubComponent? part) =>
        new(d.DisposalId, route, rule, preTax, Math.Round(preTax * taxRate, 2, MidpointRounding.AwayFromZero), part);
}
