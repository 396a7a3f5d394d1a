using Reserves.Actuarial.Rates;

namespace Reserves.Actuarial.Tests;

public class ValuationRateTests
{
    [Theory]
    [InlineData(10, 0.50)]
    [InlineData(11, 0.45)]
    [InlineData(20, 0.45)]
    [InlineData(21, 0.35)]
    [InlineData(30, 0.35)]
    public void WeightByGuaranteeDuration(int years, double weight) =>
        Assert.Equal((decimal)weight, MaximumValuationRate.Weight(years));

    [Theory]
    // I = 0.03 + W (R1 - 0.03) + W/2 (R2 - 0.09), worked by hand
    [InlineData(30, 0.0700, 0.0750, 0.044, 0.045)]          // R = 0.07 (lesser): 0.03 + 0.35 * 0.04
    [InlineData(10, 0.1371, 0.1371, 0.071775, 0.0725)]      // R2 = 0.1371: 0.03 + 0.5 * 0.06 + 0.25 * 0.0471
    [InlineData(15, 0.0600, 0.0550, 0.04125, 0.0425)]       // 0.03 + 0.45 * 0.025, midpoint rounds up
    [InlineData(25, 0.0300, 0.0300, 0.03, 0.03)]
    public void FormulaAndQuarterPercentRounding(int years, double r12, double r36, double unrounded, double rounded)
    {
        var rate = MaximumValuationRate.ForLifeInsurance(years, (decimal)r12, (decimal)r36);
        Assert.Equal((decimal)unrounded, rate.Unrounded);
        Assert.Equal((decimal)rounded, rate.Rounded);
        Assert.Equal(rate.Rounded, rate.Rate);
    }

    [Theory]
    [InlineData(0.0700, 0.0700, true)]      // new 0.0725 differs by 0.25%: keep 0.07
    [InlineData(0.0680, 0.0680, false)]     // new 0.0725 vs 0.0675: exactly 0.5%, the new rate applies
    [InlineData(0.0725, 0.0725, true)]
    public void PriorRateStandsWithinHalfAPercent(double prior, double expected, bool kept)
    {
        var rate = MaximumValuationRate.ForLifeInsurance(10, 0.1371m, 0.1371m, prior == 0.068 ? 0.0675m : (decimal)prior);
        Assert.Equal(kept, rate.KeptPriorRate);
        Assert.Equal(kept ? (decimal)expected : 0.0725m, rate.Rate);
    }

    [Fact]
    public void ImmediateAnnuityFormula() =>
        Assert.Equal(0.0600m, MaximumValuationRate.ForImmediateAnnuity(0.07m, 0.068m).Rate);   // 0.03 + 0.8 * 0.038 = 0.0604

    [Fact]
    public void RatesMustBeDecimals() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MaximumValuationRate.ForLifeInsurance(10, 13.71m, 0.1m));
}
