namespace Reserves.Investments.Avr;

/// <summary>
/// domain.md 3.1 and 2.2 (line 2): credit-related realized gains and losses are not part of the IMR; the IMR routes
/// them to the AVR, where they are realized capital gains of the roll-forward (line 2, general account) of their
/// sub-component.
/// </summary>
public static class ImrCreditRelatedGains
{
    public static Dictionary<AvrSubComponent, AvrRollForwardInput> AddTo(
        IReadOnlyDictionary<AvrSubComponent, AvrRollForwardInput> inputs,
        IReadOnlyDictionary<AvrSubComponent, decimal> gains)
    {
        var result = inputs.ToDictionary(p => p.Key, p => p.Value);
        foreach (var (part, amount) in gains)
        {
            var input = result.GetValueOrDefault(part, AvrRollForwardInput.None);
            result[part] = input with { RealizedGeneral = input.RealizedGeneral + amount };
        }
        return result;
    }
}
