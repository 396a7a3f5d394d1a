using FsCheck;
using FsCheck.Fluent;
using Reserves.Investments.Imr;

namespace Reserves.Investments.Tests;

public class ImrPropertyTests
{
    private static Gen<Disposal> Bonds =>
        from bookCents in Gen.Choose(50_000, 150_000)
        from proceedsCents in Gen.Choose(50_000, 150_000)
        from couponBp in Gen.Choose(0, 1200)
        from frequency in Gen.Elements(1, 2, 4, 12)
        from day in Gen.Choose(0, 364)
        from years in Gen.Choose(1, 40)
        from maturityDay in Gen.Choose(0, 364)
        from tax in Gen.Choose(0, 45)
        from id in Gen.Choose(1, 1_000_000)
        let sold = new DateOnly(2012, 1, 1).AddDays(day)
        select new Disposal($"D{id}", DisposalAssetType.Bond, sold, null, "2", "3", false, 1_000_000m, bookCents * 10.01m, proceedsCents * 10.03m,
            couponBp / 10_000m, frequency, sold.AddYears(years).AddDays(maturityDay - 182 < 1 - 365 * years ? 1 : maturityDay - 182 + 1), tax / 100m, 0,
            false, false, null);

    private static Config Config => Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void EveryDisposalsReleasesSumToItsGain() =>
        Prop.ForAll(Bonds.ToArbitrary(), d =>
        {
            var part = ImrRouting.Route(d, d.TaxRate!.Value).Single();
            var s = SeriatimAmortization.Schedule(d, part.PreTaxGain, part.AfterTaxGain);
            return s.PreTaxTotal == d.PreTaxGain && s.AfterTaxTotal == part.AfterTaxGain
                && s.Years.All(y => y.Year >= 2012 && y.Year <= d.ExpectedMaturity.Year)
                && s.Years.Select(y => y.Year).SequenceEqual(s.Years.Select(y => y.Year).Order());
        }).Check(Config);

    [Fact]
    public void ColumnTwoIsLineTwoIsTheImrGainsAndTheCarryForwardGivesNextYearsLineOne() =>
        Prop.ForAll(Gen.ListOf(Bonds).ToArbitrary(), Gen.Choose(-500_000, 2_000_000).ToArbitrary(), (disposals, prior) =>
        {
            var unique = disposals.DistinctBy(d => d.DisposalId).ToList();
            var priorRows = new[] { new YearAmount(2012, Math.Round(prior / 3m, 2)), new YearAmount(2013, prior / 2m), new YearAmount(2050, Math.Round(prior / 7m, 2)) };
            var liability = new[] { new YearAmount(2012, -1_234.56m), new YearAmount(2015, 99.99m) };
            var run = ImrRun.Run(unique, priorRows, liability, new ImrRunOptions(new DateOnly(2012, 12, 31)));
            var imrAfterTax = run.Routing.Where(r => r.Route == GainRoute.Imr).Sum(r => r.AfterTaxGain);
            var next = ImrRun.Run([], run.CarryForward, [], new ImrRunOptions(new DateOnly(2013, 12, 31)));
            return run.Exhibit.Sum(r => r.CurrentYearGains) == run.Page.Line2 && run.Page.Line2 == imrAfterTax
                && run.Exhibit.All(r => r.Balance == r.PriorReserve + r.CurrentYearGains + r.LiabilityAdjustment)
                && run.Page.Line5 == run.Exhibit[0].Balance
                && next.Page.Line1 == run.Page.Line6;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
}
