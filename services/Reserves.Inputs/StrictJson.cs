using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reserves.Inputs;

/// <summary>
/// Reads JSON input files strictly (snake_case names, unknown names refused, comments and trailing commas allowed);
/// a problem becomes an <see cref="InputError"/> with the file, line, column and JSON path.
/// </summary>
public static class StrictJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <param name="what">What the file should be, for the message ("an AVR factor set").</param>
    public static T Deserialize<T>(Stream json, string source, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException("empty document");
        }
        catch (JsonException e)
        {
            throw new InvalidInputException(new InputError(source, (int?)e.LineNumber + 1, (int?)e.BytePositionInLine + 1, e.Path ?? "",
                $"not {what}: {FirstSentence(e.Message)}"));
        }
    }

    /// <summary>A System.Text.Json message without its trailing path and position (the error carries those).</summary>
    public static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
