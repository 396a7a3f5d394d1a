using Reserves.Investments.Avr;

namespace Reserves.Investments.Tests;

public class ImrCreditRelatedGainsTests
{
    [Fact]
    public void GainsRoutedToTheAvrAreRealizedGainsOfLineTwoOfTheirSubComponent()
    {
        var inputs = new Dictionary<AvrSubComponent, AvrRollForwardInput>
        {
            [AvrSubComponent.DefaultOther] = new(PriorReserve: 3_000_000m, RealizedGeneral: -125_000.50m,
                RealizedSeparate: 7m),
        };
        var gains = new Dictionary<AvrSubComponent, decimal>
        {
            [AvrSubComponent.DefaultOther] = 40_000.25m,
            [AvrSubComponent.EquityCommon] = -1_234.56m,
        };
        var result = ImrCreditRelatedGains.AddTo(inputs, gains);
        Assert.Equal(new AvrRollForwardInput(3_000_000m, -85_000.25m, 7m), result[AvrSubComponent.DefaultOther]);
        Assert.Equal(new AvrRollForwardInput(RealizedGeneral: -1_234.56m), result[AvrSubComponent.EquityCommon]);
        Assert.False(result.ContainsKey(AvrSubComponent.DefaultMortgage));
        Assert.Equal(-125_000.50m,
            inputs[AvrSubComponent.DefaultOther].RealizedGeneral);              // inputs untouched
    }
}
