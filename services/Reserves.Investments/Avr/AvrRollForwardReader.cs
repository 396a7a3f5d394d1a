using System.Text.Json;
using System.Text.Json.Serialization;
using Reserves.Inputs;

namespace Reserves.Investments.Avr;

/// <summary>
/// Reads the roll-forward input JSON: <c>{ "default_other": {...}, "default_mortgage": {...}, "equity_common": {...},
/// "equity_other": {...} }</c>, each with prior_reserve, realized_general, realized_separate, unrealized_general,
/// unrealized_separate, credited_to_contracts, voluntary_contribution (missing = 0). Unknown names are refused.
/// </summary>
public static class AvrRollForwardReader
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static IReadOnlyDictionary<AvrSubComponent, AvrRollForwardInput> ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, Path.GetFileName(path));
    }

    public static IReadOnlyDictionary<AvrSubComponent, AvrRollForwardInput> Read(Stream json, string source)
    {
        try
        {
            var dto = JsonSerializer.Deserialize<FileDto>(json, Options) ?? throw new JsonException("empty document");
            return new Dictionary<AvrSubComponent, AvrRollForwardInput>
            {
                [AvrSubComponent.DefaultOther] = dto.DefaultOther ?? AvrRollForwardInput.None,
                [AvrSubComponent.DefaultMortgage] = dto.DefaultMortgage ?? AvrRollForwardInput.None,
                [AvrSubComponent.EquityCommon] = dto.EquityCommon ?? AvrRollForwardInput.None,
                [AvrSubComponent.EquityOther] = dto.EquityOther ?? AvrRollForwardInput.None,
            };
        }
        catch (JsonException e)
        {
            var message = e.Message.Split(" Path:")[0];
            throw new InvalidInputException(new InputError(source, (int?)e.LineNumber + 1, (int?)e.BytePositionInLine + 1, e.Path ?? "",
                $"not a valid roll-forward input: {message}"));
        }
    }

    private sealed record FileDto(AvrRollForwardInput? DefaultOther, AvrRollForwardInput? DefaultMortgage,
        AvrRollForwardInput? EquityCommon, AvrRollForwardInput? EquityOther);
}
