using System.Text.Json;
using Reserves.Inputs;
using Reserves.Actuarial.Tables;

namespace Reserves.Actuarial.Bases;

/// <summary>
/// Reads a bases file: a JSON array of <c>{ "id", "label", "method", "interest", "timing", "reserve", "mortality" }</c>.
/// label defaults to the id, timing to curtate, reserve to mean. Every problem names the file, line and column.
/// </summary>
public static class BasesJsonReader
{
    private static readonly string[] Properties = ["id", "label", "method", "interest", "timing", "reserve", "mortality"];

    public static IReadOnlyList<ValuationBasis> ReadFile(string path) =>
        Read(File.ReadAllBytes(path), Path.GetFileName(path));

    public static IReadOnlyList<ValuationBasis> Read(byte[] json, string source)
    {
        var body = StrictJson.Check(json, source, "a valid bases file");
        var lines = new LineMap(json, json.Length - body.Length);
        var errors = new List<InputError>();
        var bases = new List<ValuationBasis>();
        try
        {
            var reader = new Utf8JsonReader(body.Span, StrictJson.ReaderOptions);
            Next(ref reader);
            if (reader.TokenType != JsonTokenType.StartArray) throw Problem(lines, source, reader, "", "the bases file must be a JSON array of bases");
            while (Next(ref reader) != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject) throw Problem(lines, source, reader, "", "each basis must be a JSON object");
                var basis = ReadBasis(ref reader, lines, source, errors);
                if (basis is null) continue;
                if (bases.Any(b => b.Id == basis.Id))
                    errors.Add(new InputError(source, null, null, "id", $"basis id '{basis.Id}' is defined twice"));
                else
                    bases.Add(basis);
            }
        }
        catch (JsonException e)
        {
            errors.Add(new InputError(source, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, "", $"not valid JSON: {StrictJson.FirstSentence(e.Message)}"));
        }
        catch (InvalidInputException e)
        {
            errors.AddRange(e.Errors);
        }
        if (errors.Count > 0) throw new InvalidInputException(errors);
        if (bases.Count == 0) throw new InvalidInputException(new InputError(source, null, null, "", "the bases file defines no basis"));
        return bases;
    }

    private static ValuationBasis? ReadBasis(ref Utf8JsonReader reader, LineMap lines, string source, List<InputError> errors)
    {
        var objectStart = reader.TokenStartIndex;
        string? id = null, label = null;
        ReserveMethod? method = null;
        double? interest = null;
        var timing = Timing.Curtate;
        var convention = ReserveConvention.Mean;
        Dictionary<string, TableReference>? mortality = null;
        var before = errors.Count;

        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            Next(ref reader);
            switch (name)
            {
                case "id": id = String(ref reader, lines, source, name); break;
                case "label": label = String(ref reader, lines, source, name); break;
                case "method":
                    var m = String(ref reader, lines, source, name).ToUpperInvariant();
                    method = m switch { "CRVM" => ReserveMethod.Crvm, "NLP" => ReserveMethod.Nlp, "FPT" => ReserveMethod.Fpt, _ => null };
                    if (method is null) errors.Add(At(lines, source, reader, name, $"unknown method '{m}': use CRVM, NLP or FPT"));
                    break;
                case "interest":
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var i))
                        throw Problem(lines, source, reader, name, "interest must be a number (0.04 for 4%)");
                    if (BasisRules.InterestProblem(i) is { } problem) errors.Add(At(lines, source, reader, name, problem));
                    interest = i;
                    break;
                case "timing":
                    var t = String(ref reader, lines, source, name).ToLowerInvariant();
                    if (t == "curtate") timing = Timing.Curtate;
                    else if (t is "semicontinuous" or "semi-continuous") timing = Timing.SemiContinuous;
                    else errors.Add(At(lines, source, reader, name, $"unknown timing '{t}': use curtate or semicontinuous"));
                    break;
                case "reserve":
                    var r = String(ref reader, lines, source, name).ToLowerInvariant();
                    if (r == "mean") convention = ReserveConvention.Mean;
                    else if (r is "midterminal" or "mid-terminal") convention = ReserveConvention.MidTerminal;
                    else errors.Add(At(lines, source, reader, name, $"unknown reserve convention '{r}': use mean or midterminal"));
                    break;
                case "mortality":
                    mortality = ReadMortality(ref reader, lines, source, errors);
                    break;
                default:
                    errors.Add(At(lines, source, reader, name, $"unknown property '{name}' (a basis has {string.Join(", ", Properties)})"));
                    reader.Skip();
                    break;
            }
        }

        var (line, column) = lines.At(objectStart);
        void Missing(string field) => errors.Add(new InputError(source, line, column, field, $"basis{(id is null ? "" : $" '{id}'")} has no '{field}'"));
        if (string.IsNullOrWhiteSpace(id)) Missing("id");
        if (method is null && errors.Count == before) Missing("method");
        if (interest is null) Missing("interest");
        if (mortality is null) Missing("mortality");
        else if (mortality.Count == 0 && errors.Count == before) errors.Add(new InputError(source, line, column, "mortality", "mortality maps no sex to a table"));
        if (errors.Count > before) return null;
        return new ValuationBasis(id!, string.IsNullOrWhiteSpace(label) ? id! : label!, method!.Value, interest!.Value, timing, convention, mortality!);
    }

    private static Dictionary<string, TableReference> ReadMortality(ref Utf8JsonReader reader, LineMap lines, string source, List<InputError> errors)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw Problem(lines, source, reader, "mortality", "mortality must be an object such as { \"M\": \"soa:42\", \"F\": \"soa:36\" }");
        var result = new Dictionary<string, TableReference>(StringComparer.Ordinal);
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            Next(ref reader);
            var field = $"mortality.{key}";
            var text = String(ref reader, lines, source, field);
            if (!BasisRules.TryMortalityKey(key, out var normalized))
                errors.Add(At(lines, source, reader, field, BasisRules.UnknownMortalityKey(key)));
            else if (result.ContainsKey(normalized))
                errors.Add(At(lines, source, reader, field,
                    $"mortality names {normalized} twice (keys are read without regard to case)"));
            else if (!TableReference.TryParse(text, out var reference, out var error))
                errors.Add(At(lines, source, reader, field, error));
            else
                result[normalized] = reference;
        }
        return result;
    }

    private static string String(ref Utf8JsonReader reader, LineMap lines, string source, string field)
    {
        if (reader.TokenType != JsonTokenType.String) throw Problem(lines, source, reader, field,
            $"{field} must be a string");
        var text = reader.GetString()!;
        return text.Length <= InputLimits.MaxCellCharacters ? text
            : throw Problem(lines, source, reader, field,
                $"{field} is longer than {InputLimits.MaxCellCharacters} characters");
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) throw new JsonException("unexpected end of file", null, reader.CurrentState.Options.MaxDepth, reader.BytesConsumed);
        return reader.TokenType;
    }

    private static InputError At(LineMap lines, string source, Utf8JsonReader reader, string field, string message)
    {
        var (line, column) = lines.At(reader.TokenStartIndex);
        return new InputError(source, line, column, field, message);
    }

    private static InvalidInputException Problem(LineMap lines, string source, Utf8JsonReader reader, string field, string message) =>
        new(At(lines, source, reader, field, message));

    /// <summary>Positions of the reader's offsets (which start after any byte-order mark) in the file.</summary>
    private sealed class LineMap(byte[] file, int bodyOffset)
    {
        private readonly TextPositions _positions = new(file);

        public (int Line, int Column) At(long offset) => _positions.At(bodyOffset + offset);
    }
}
