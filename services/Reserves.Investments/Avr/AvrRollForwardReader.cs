using Reserves.Inputs;

namespace Reserves.Investments.Avr;

/// <summary>
/// Reads the roll-forward input JSON: <c>{ "default_other": {...}, "default_mortgage": {...}, "equity_common": {...},
/// "equity_other": {...} }</c>, each with prior_reserve, realized_general, realized_separate, unrealized_general,
/// unrealized_separate, credited_to_contracts, voluntary_contribution (missing = 0). Unknown names are refused.
/// </summary>
public static class AvrRollForwardReader
{
    public static IReadOnlyDictionary<AvrSubComponent, AvrRollForwardInput> ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, Path.GetFileName(path));
    }

    public static IReadOnlyDictionary<AvrSubComponent, AvrRollForwardInput> Read(Stream json, string source)
    {
        var dto = StrictJson.Deserialize<FileDto>(json, source, "a valid roll-forward input");
        return new Dictionary<AvrSubComponent, AvrRollForwardInput>
        {
            [AvrSubComponent.DefaultOther] = dto.DefaultOther ?? AvrRollForwardInput.None,
            [AvrSubComponent.DefaultMortgage] = dto.DefaultMortgage ?? AvrRollForwardInput.None,
            [AvrSubComponent.EquityCommon] = dto.EquityCommon ?? AvrRollForwardInput.None,
            [AvrSubComponent.EquityOther] = dto.EquityOther ?? AvrRollForwardInput.None,
        };
    }

    private sealed record FileDto(AvrRollForwardInput? DefaultOther, AvrRollForwardInput? DefaultMortgage,
        AvrRollForwardInput? EquityCommon, AvrRollForwardInput? EquityOther);
}
