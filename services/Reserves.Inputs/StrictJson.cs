using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reserves.Inputs;

/// <summary>
/// The one strict reading of every JSON input: UTF-8, exactly one value, no comments, no trailing commas, no property
/// named twice in an object (the last would silently win), strings of at most
/// <see cref="InputLimits.MaxJsonStringCharacters"/> characters and numbers within <see cref="InputLimits.MaxAmount"/>;
/// snake_case names, unknown names refused. A
/// problem becomes an <see cref="InputError"/> with the file, line, column and JSON path.
/// </summary>
public static class StrictJson
{
    public static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        AllowMultipleValues = false,
    };

    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        AllowDuplicateProperties = false,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <param name="what">What the file should be, for the message ("an AVR factor set").</param>
    public static T Deserialize<T>(Stream json, string source, string what)
    {
        using var buffer = new MemoryStream();
        json.CopyTo(buffer);
        return Deserialize<T>(buffer.ToArray(), source, what);
    }

    /// <param name="what">What the file should be, for the message ("an AVR factor set").</param>
    public static T Deserialize<T>(byte[] json, string source, string what)
    {
        var body = Check(json, source, what);
        try
        {
            return JsonSerializer.Deserialize<T>(body.Span, Options) ?? throw new JsonException("empty document");
        }
        catch (JsonException e)
        {
            throw new InvalidInputException(new InputError(source, (int?)e.LineNumber + 1,
                (int?)e.BytePositionInLine + 1, e.Path ?? "", $"not {what}: {FirstSentence(e.Message)}"));
        }
    }

    /// <summary>
    /// Checks the whole document (see the class summary) and returns it without its byte-order mark; throws an
    /// <see cref="InvalidInputException"/> naming the first problem's line and column.
    /// </summary>
    public static ReadOnlyMemory<byte> Check(byte[] json, string source, string what)
    {
        Utf8Input.Check(json, source);
        ReadOnlyMemory<byte> body = json;
        if (body.Span.StartsWith("\uFEFF"u8)) body = body[3..];
        var positions = new TextPositions(json);
        var offset = json.Length - body.Length;
        var reader = new Utf8JsonReader(body.Span, ReaderOptions);
        var names = new Stack<HashSet<string>?>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject: names.Push(new HashSet<string>(StringComparer.Ordinal)); break;
                    case JsonTokenType.StartArray: names.Push(null); break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray: names.Pop(); break;
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        if (name.Length > InputLimits.MaxCellCharacters)
                            throw Problem(At(reader), "",
                                $"a property name is longer than {InputLimits.MaxCellCharacters} characters");
                        if (!names.Peek()!.Add(name))
                            throw Problem(At(reader), name, $"property '{name}' appears twice in one object");
                        break;
                    case JsonTokenType.String:
                        if (reader.ValueSpan.Length > InputLimits.MaxJsonStringCharacters * 6
                            || reader.GetString()!.Length > InputLimits.MaxJsonStringCharacters)
                            throw Problem(At(reader), "",
                                $"a string is longer than {InputLimits.MaxJsonStringCharacters:N0} characters");
                        break;
                    case JsonTokenType.Number:
                        if (!reader.TryGetDecimal(out var number) || Math.Abs(number) > InputLimits.MaxAmount)
                            throw Problem(At(reader), "",
                                "the number "
                                    + InputLimits.Shorten(System.Text.Encoding.UTF8.GetString(reader.ValueSpan))
                                + " is beyond the accepted range (at most 1,000,000,000,000,000 in magnitude)");
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            throw new InvalidInputException(new InputError(source, (int)(e.LineNumber ?? 0) + 1,
                (int)(e.BytePositionInLine ?? 0) + 1, "", $"not {what}: {FirstSentence(e.Message)}"));
        }
        return body;

        long At(in Utf8JsonReader r) => offset + r.TokenStartIndex;

        InvalidInputException Problem(long at, string field, string message)
        {
            var (line, column) = positions.At(at);
            return new InvalidInputException(new InputError(source, line, column, field, $"not {what}: {message}"));
        }
    }

    /// <summary>A System.Text.Json message without its trailing path and position (the error carries those).</summary>
    public static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
