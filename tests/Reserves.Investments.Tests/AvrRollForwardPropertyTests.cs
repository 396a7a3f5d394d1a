using FsCheck;
using FsCheck.Fluent;
using Reserves.Investments.Avr;

namespace Reserves.Investments.Tests;

public class AvrRollForwardPropertyTests
{
    public sealed record Case(Dictionary<AvrSubComponent, AvrTriple> Amounts, Dictionary<AvrSubComponent, AvrRollForwardInput> Inputs)
    {
        public override string ToString() => string.Join("; ", Amounts.Select(a => $"{a.Key}: {a.Value} {Inputs[a.Key]}"));
    }

    private static Gen<decimal> Money(int max) => Gen.Choose(-max, max).Select(v => v * 1000m + 0.37m);

    private static Gen<(AvrTriple, AvrRollForwardInput)> Part =>
        from bc in Gen.Choose(0, 500)
        from ro in Gen.Choose(0, 5000)
        from extra in Gen.Choose(0, 5000)
        from prior in Gen.Choose(-2000, 12000)
        from realized in Money(800)
        from unrealized in Money(800)
        from separate in Money(200)
        from credited in Money(100)
        from voluntary in Gen.Choose(0, 300)
        select (new AvrTriple(bc * 1000m, ro * 1000m, (ro + extra) * 1000m),
            new AvrRollForwardInput(prior * 1000m, realized, separate, unrealized, -separate, credited, voluntary * 1000m));

    private static Gen<Case> Cases =>
        from parts in Gen.ArrayOf(Part, 4)
        let all = Enum.GetValues<AvrSubComponent>()
        select new Case(all.Select((p, i) => (p, parts[i].Item1)).ToDictionary(x => x.p, x => x.Item2),
            all.Select((p, i) => (p, parts[i].Item2)).ToDictionary(x => x.p, x => x.Item2));

    private static void Check(Func<Case, AvrRollForwardResult, bool> property) =>
        Prop.ForAll(Cases.ToArbitrary(), c => property(c, AvrRollForward.Compute(c.Amounts, c.Inputs)))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(500));

    private static readonly (AvrSubComponent A, AvrSubComponent B)[] Sisters =
        [(AvrSubComponent.DefaultOther, AvrSubComponent.DefaultMortgage), (AvrSubComponent.EquityCommon, AvrSubComponent.EquityOther)];

    [Fact]
    public void YearEndReserveIsWithinZeroAndTheMaximum() => Check((c, r) =>
        Enum.GetValues<AvrSubComponent>().All(p => r.Value(p, 16) >= 0 && r.Value(p, 16) <= r.Value(p, 9)));

    [Fact]
    public void LineElevenIsTwentyPercentOfTheWayToTheObjective() => Check((c, r) =>
        Enum.GetValues<AvrSubComponent>().All(p => r.Value(p, 11) == 0.2m * (r.Value(p, 10) - r.Value(p, 8))));

    [Fact]
    public void LinesAddUp() => Check((c, r) => Enum.GetValues<AvrSubComponent>().All(p =>
        r.Value(p, 8) == r.Value(p, 1) + r.Value(p, 2) + r.Value(p, 3) + r.Value(p, 4) + r.Value(p, 5) - r.Value(p, 6) + r.Value(p, 7)
        && r.Value(p, 12) == r.Value(p, 8) + r.Value(p, 11)
        && r.Value(p, 16) == r.Value(p, 12) + r.Value(p, 13) + r.Value(p, 14) + r.Value(p, 15)
        && r.Value(p, 7) == c.Amounts[p].BasicContribution && r.Value(p, 9) == c.Amounts[p].Maximum));

    [Fact]
    public void TransfersStayWithinTheComponentAndRespectTheSisterLimits() => Check((c, r) => Sisters.All(s =>
    {
        decimal Before(AvrSubComponent p) => r.Value(p, 12);
        decimal After(AvrSubComponent p) => r.Value(p, 12) + r.Value(p, 13);
        bool Holds(AvrSubComponent giver, AvrSubComponent receiver)
        {
            var moved = r.Value(receiver, 13);
            if (moved <= 0) return true;
            // A receiver of an excess never ends above its maximum, unless it was above it already;
            // a giver that was not above its maximum keeps at least half of its pre-transfer balance.
            var receiverOk = After(receiver) <= Math.Max(r.Value(receiver, 9), Before(receiver)) || After(receiver) <= 0;
            var giverOk = Before(giver) > r.Value(giver, 9) || After(giver) >= 0.5m * Before(giver);
            return receiverOk && giverOk;
        }
        return r.Value(s.A, 13) + r.Value(s.B, 13) == 0 && Holds(s.A, s.B) && Holds(s.B, s.A);
    }));

    [Fact]
    public void TotalsAreSumsOfTheSubComponents() => Check((c, r) => Enumerable.Range(1, 16).All(line =>
        r.Total(line) == r.DefaultTotal(line) + r.EquityTotal(line)
        && r.DefaultTotal(line) == r.Value(AvrSubComponent.DefaultOther, line) + r.Value(AvrSubComponent.DefaultMortgage, line)));
}
