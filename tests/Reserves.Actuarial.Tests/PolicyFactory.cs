using Reserves.Actuarial.Policies;

namespace Reserves.Actuarial.Tests;

public static class PolicyFactory
{
    public static readonly DateOnly Issue = new(2000, 3, 15);

    /// <summary>A policy of face 1 matching a reserve case (the plan follows the shape).</summary>
    public static Policy Level(ReserveCase c, int _, double grossPremium) => new(
        "P1",
        c.Shape.PaysAtMaturity ? Plan.Endowment : c.Shape.PremiumYears < c.Shape.BenefitYears ? Plan.LimitedPay : Plan.WholeLife,
        Issue, c.IssueAge, Sex.Male, RiskClass.Aggregate, 1.0, grossPremium, c.Shape.PremiumYears, c.Shape.BenefitYears, "B");
}
