using FsCheck;
using FsCheck.Fluent;
using Reserves.Actuarial.Bases;
using Reserves.Actuarial.Reserves;

namespace Reserves.Actuarial.Tests;

/// <summary>A random level plan on a real table: what the property tests draw.</summary>
public sealed record ReserveCase(string Table, int IssueAge, PlanShape Shape, double Interest, Timing Timing)
{
    public double[] Q => TestTables.Library.Get(Table).PolicyYearRates(IssueAge);

    public ReserveFactors Factors(ReserveMethod method, Timing? timing = null) =>
        ReserveFactorCalculator.Compute(Q, Interest, timing ?? Timing, method, Shape);

    public override string ToString() =>
        $"{Table} x={IssueAge} n={Shape.BenefitYears} m={Shape.PremiumYears} endowment={Shape.PaysAtMaturity} i={Interest} {Timing}";
}

public static class ReserveCases
{
    public static readonly string[] Tables =
        ["soa:42", "soa:36", "soa:44", "soa:1136", "soa:1141", "csv:1958-cso.csv#cso-male-anb", "csv:1958-cso.csv#cso-female-alb", "sult"];

    public enum Kind { WholeLife, LimitedPay, Term, Endowment }

    public static Gen<ReserveCase> Any(params Kind[] kinds) =>
        from table in Gen.Elements(Tables)
        from kind in Gen.Elements(kinds.Length == 0 ? Enum.GetValues<Kind>() : kinds)
        from ageDraw in Gen.Choose(0, 80)
        from nDraw in Gen.Choose(1, 60)
        from mDraw in Gen.Choose(1, 30)
        from rateSteps in Gen.Choose(4, 28)
        from semi in Gen.Elements(false, true)
        select Build(table, kind, ageDraw, nDraw, mDraw, rateSteps * 0.0025, semi ? Timing.SemiContinuous : Timing.Curtate);

    private static ReserveCase Build(string tableRef, Kind kind, int ageDraw, int nDraw, int mDraw, double interest, Timing timing)
    {
        var table = TestTables.Library.Get(tableRef);
        var age = Enumerable.Range(ageDraw, 200).Select(a => a % (table.MaxAge - 5)).First(table.AcceptsIssueAge);
        var left = table.MaxAge - age + 1;
        var n = kind is Kind.Term or Kind.Endowment ? Math.Min(nDraw, left) : left;
        var m = kind == Kind.LimitedPay ? Math.Min(mDraw, n) : n;
        return new ReserveCase(tableRef, age, new PlanShape(n, m, kind == Kind.Endowment), interest, timing);
    }
}
