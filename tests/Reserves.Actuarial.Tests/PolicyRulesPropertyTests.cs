using FsCheck;
using FsCheck.Fluent;
using Reserves.Actuarial.Policies;
using Reserves.Inputs;

namespace Reserves.Actuarial.Tests;

/// <summary>The fast check the valuation uses agrees with the full one that names each problem, at every
/// edge.</summary>
public class PolicyRulesPropertyTests
{
    private static Gen<T> Edge<T>(params T[] values) => Gen.Elements(values);

    private static readonly Gen<Policy> Policies =
        from id in Edge("", " ", "P1", new string('x', InputLimits.MaxCellCharacters), new string('x',
            InputLimits.MaxCellCharacters + 1))
        from plan in Gen.Elements(Enum.GetValues<Plan>())
        from age in Edge(-1, 0, 35, PolicyRules.MaxIssueAge, PolicyRules.MaxIssueAge + 1)
        from face in Edge(double.NaN, double.NegativeInfinity, -1, 0, 1, 1e15, 1e15 * (1 + 1e-15), 1e16,
            double.PositiveInfinity)
        from gross in Edge<double?>(null, double.NaN, -0.01, 0, 120, 1e15, 2e15, double.PositiveInfinity)
        from premiumYears in Edge<int?>(null, -1, 0, 1, 20, PolicyRules.MaxYears, PolicyRules.MaxYears + 1)
        from benefitYears in Edge<int?>(null, -1, 0, 1, 10, 30, PolicyRules.MaxYears, PolicyRules.MaxYears + 1)
        from basis in Edge("", " ", "B", new string('b', InputLimits.MaxCellCharacters + 1))
        select new Policy(id, plan, new DateOnly(2001, 2, 3), age, Sex.Male, RiskClass.Aggregate, face, gross,
            premiumYears,
            benefitYears, basis);

    [Fact]
    public void IsValidExactlyWhenCheckFindsNothing() =>
        Prop.ForAll(Policies.ToArbitrary(), p => Assert.Equal(!PolicyRules.Check(p).Any(), PolicyRules.IsValid(p)))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(3_000));
}
