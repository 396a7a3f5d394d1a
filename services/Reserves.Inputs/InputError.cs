namespace Reserves.Inputs;

/// <summary>
/// One problem with the caller's input. <see cref="Source"/> names the file (or the request), <see cref="Line"/> and
/// <see cref="Column"/> are 1-based when the input is a file, <see cref="Field"/> names the column or request field,
/// and <see cref="RecordIndex"/> is the 0-based index of the record it belongs to in <see cref="Collection"/> ("policies",
/// "holdings"), when it belongs to one.
/// </summary>
public sealed record InputError(string Source, int? Line, int? Column, string Field, string Message, int? RecordIndex = null, string? Collection = null)
{
    /// <summary>The request field: "holdings[3].bacv" for a record's problem, else the field itself.</summary>
    public string FieldPath => RecordIndex is int i ? $"{Collection ?? "records"}[{i}].{Field}" : Field;

    /// <summary>Reads a request field path back ("policies[12].issue_age": collection, index and field).</summary>
    public static (string? Collection, int? Index, string Field) ParseFieldPath(string path)
    {
        var open = path.IndexOf('[');
        var close = path.IndexOf("].", StringComparison.Ordinal);
        if (open > 0 && close > open && int.TryParse(path.AsSpan(open + 1, close - open - 1), out var index))
            return (path[..open], index, path[(close + 2)..]);
        return (null, null, path);
    }

    public override string ToString()
    {
        var where = Line is null ? Source : Column is null ? $"{Source}:{Line}" : $"{Source}:{Line}:{Column}";
        var field = string.IsNullOrEmpty(Field) ? "" : $" ({Field})";
        return $"{where}{field}: {Message}";
    }
}

/// <summary>Bad input: the whole request or file is refused; nothing is valued or written.</summary>
public sealed class InvalidInputException(IReadOnlyList<InputError> errors)
    : Exception(Describe(errors))
{
    /// <summary>At most this many problems are collected before a reader gives up.</summary>
    public const int MaxErrors = 50;

    public IReadOnlyList<InputError> Errors { get; } = errors;

    public InvalidInputException(InputError error) : this([error]) { }

    private static string Describe(IReadOnlyList<InputError> errors) =>
        errors.Count == 1 ? errors[0].ToString() : $"{errors.Count} input errors:{Environment.NewLine}" +
            string.Join(Environment.NewLine, errors.Select(e => "  " + e));
}

/// <summary>An assumption the input refers to is not available: a table file, a table column, a basis mapping.</summary>
public sealed class AssumptionMissingException(string subject, string message) : Exception(message)
{
    /// <summary>What is missing, for example "soa:42" or "basis 80CSO55 mortality F-SM".</summary>
    public string Subject { get; } = subject;
}
