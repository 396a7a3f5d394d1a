using Reserves.Actuarial.Bases;
using Reserves.Actuarial.Reserves;
using Reserves.Actuarial.Tables;

namespace Reserves.Actuarial.Tests;

/// <summary>Published values: domain.md 1.3 (1980 CSO) and the SOA Standard Ultimate Life Table at 5%.</summary>
public class PublishedValueTests
{
    [Fact]
    public void Cso1980MaleAnbTableMatchesItsPublishedRates()
    {
        var t = TestTables.Library.Get("soa:42");
        Assert.Equal(0.00211, t.Ultimate(35));
        Assert.Equal(1.0, t.Ultimate(99));
        Assert.Equal(99, t.MaxAge);
        Assert.Equal(AgeBasis.AgeNearestBirthday, t.AgeBasis);
    }

    [Fact]
    public void Cso1980WholeLifeAt35And4PercentMatchesTheWorkedExample()
    {
        var q = TestTables.Library.Get("soa:42").PolicyYearRates(35);
        Assert.Equal(0.246824, LifeFunctions.WholeLifeInsurance(q, 0.04, Timing.Curtate), 6);
        Assert.Equal(19.582582, LifeFunctions.AnnuityDue(q, 0.04), 6);

        var f = ReserveFactorCalculator.Compute(q, 0.04, Timing.Curtate, ReserveMethod.Crvm, new PlanShape(q.Length, q.Length, false));
        Assert.Equal(13.17335, f.Beta * 1000, 5);
        Assert.Equal(114.9031, f.Terminal[10] * 1000, 4);
    }

    [Theory]
    [InlineData(20, 19.9664, 0.04922)]
    [InlineData(65, 13.5498, 0.35477)]
    public void StandardUltimateLifeTableAt5Percent(int age, double annuity, double insurance)
    {
        var q = TestTables.Library.Get("sult").PolicyYearRates(age);
        Assert.Equal(annuity, LifeFunctions.AnnuityDue(q, 0.05), 4);
        Assert.Equal(insurance, LifeFunctions.WholeLifeInsurance(q, 0.05, Timing.Curtate), 5);
    }

    [Fact]
    public void SelectTableUsesSelectRatesThenUltimateAtAttainedAge()
    {
        var t = TestTables.Library.Get("soa:1136");
        Assert.True(t.IsSelect);
        Assert.Equal(25, t.SelectPeriod);
        Assert.Equal(120, t.MaxAge);
        var path = t.PolicyYearRates(0);
        Assert.Equal(0.00097, path[0]);
        Assert.Equal(0.00056, path[1]);
        Assert.Equal(t.Ultimate(25), path[25]);
        Assert.Equal(1.0, path[^1]);
    }
}
