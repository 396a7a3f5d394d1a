using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Reserves.Inputs;

/// <summary>
/// The records of a CSV input with, for each, the file line it came from, and the file's column positions: enough to
/// point an error found later (during valuation) at its line and column.
/// </summary>
public sealed record RecordFile<T>(string Source, IReadOnlyList<T> Records, IReadOnlyList<int> Lines, IReadOnlyDictionary<string, int> Columns)
{
    /// <summary>Places an error found on a record (record index and field) in the file.</summary>
    public InputError Locate(InputError error) =>
        error.RecordIndex is int i && i >= 0 && i < Lines.Count
            ? error with { Source = Source, Line = Lines[i], Column = Columns.TryGetValue(error.Field, out var c) ? c : null }
            : error with { Source = Source };
}

/// <summary>
/// Reads a CSV input: a header row, then one record a row; columns in any order, extra columns ignored, names matched
/// without regard to case. Every problem names the file, line, column and column name; the whole file is refused when
/// any row is bad (at most <see cref="InvalidInputException.MaxErrors"/> problems are listed).
/// </summary>
public static class CsvRecords
{
    public delegate T? RowMapper<T>(CsvRow row) where T : class;

    public static RecordFile<T> Read<T>(TextReader text, string source, IReadOnlyList<string> requiredColumns, string idColumn, RowMapper<T> map)
        where T : class
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = null, // CsvLineCheck reports bad quotes with their line and cell
            DetectColumnCountChanges = false,
            MaxFieldSize = InputLimits.MaxLineCharacters,
        };
        using var csv = new CsvParser(new LineLimitedReader(text), config);
        var errors = new List<InputError>();
        var lastLine = 0;
        if (!Next(csv, source, errors, ref lastLine))
        {
            if (errors.Count > 0) throw new InvalidInputException(errors);
            throw new InvalidInputException(new InputError(source, 1, null, "",
                "the file is empty: expected a header row"));
        }
        var header = csv.Record!.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToArray();
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < header.Length; c++)
        {
            if (header[c].Length > 0 && !columns.TryAdd(header[c], c + 1))
                errors.Add(new InputError(source, 1, c + 1, header[c],
                    $"column '{header[c]}' appears twice (also column {columns[header[c]]})"));
        }
        var missing = requiredColumns.Where(c => !columns.ContainsKey(c)).ToList();
        errors.AddRange(missing.Select(m => new InputError(source, 1, null, m, $"missing column '{m}'")));
        if (errors.Count > 0) throw new InvalidInputException(errors);

        var records = new List<T>();
        var lines = new List<int>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        while (errors.Count < InvalidInputException.MaxErrors && Next(csv, source, errors, ref lastLine))
        {
            var record = csv.Record!;
            if (record.Length == 1 && string.IsNullOrWhiteSpace(record[0])) continue;
            var row = new CsvRow(record, columns, source, csv.RawRow, errors);
            var before = errors.Count;
            var mapped = map(row);
            var id = row.Text(idColumn);
            if (id.Length > 0 && seen.TryGetValue(id, out var firstLine))
                row.Error(idColumn, $"{idColumn} '{InputLimits.Shorten(id)}' repeats line {firstLine}");
            else if (id.Length > 0)
                seen[id] = row.Line;
            if (errors.Count > before || mapped is null) continue;
            records.Add(mapped);
            lines.Add(row.Line);
        }
        if (errors.Count > 0) throw new InvalidInputException(errors);
        return new RecordFile<T>(source, records, lines, columns);
    }

    /// <summary>
    /// Reads the next record that passes <see cref="CsvLineCheck"/> and the cell limit; a record that does not is
    /// reported (with its line and cell) and skipped. A runaway cell stops the reading: false.
    /// </summary>
    private static bool Next(CsvParser csv, string source, List<InputError> errors, ref int lastLine)
    {
        while (true)
        {
            try
            {
                if (!csv.Read()) return false;
            }
            catch (LineTooLongException e)
            {
                errors.Add(new InputError(source, e.Line, null, "",
                    $"the line is longer than {InputLimits.MaxLineCharacters:N0} characters"));
                return false;
            }
            catch (CsvHelper.MaxFieldSizeException)
            {
                // The record read so far shows where it went wrong: most often a quote opened on its first line.
                var first = csv.RawRecord.AsSpan();
                var end = first.IndexOfAny('\r', '\n');
                var opened = CsvLineCheck.Check(end < 0 ? first : first[..end]);
                errors.Add(new InputError(source, lastLine + 1, opened?.Cell, "", opened is { } o ? o.Message
                    : $"a cell runs past {InputLimits.MaxLineCharacters:N0} characters (an unclosed quote?)"));
                return false;
            }
            var raw = csv.RawRecord;
            var check = CsvLineCheck.Check(raw);
            // RawRow is the line the record ends on; a quote left open holds the file's last line break too.
            var line = csv.RawRow - LineBreaks(raw);
            lastLine = csv.RawRow;
            if (check is { } problem)
            {
                errors.Add(new InputError(source, line, problem.Cell, "", problem.Message));
                if (problem.Unclosed) return false;
                if (errors.Count >= InvalidInputException.MaxErrors) return false;
                continue;
            }
            var record = csv.Record!;
            var tooLong = Array.FindIndex(record, cell => cell.Length > InputLimits.MaxCellCharacters);
            if (tooLong >= 0)
            {
                errors.Add(new InputError(source, line, tooLong + 1, "",
                    $"a cell is longer than {InputLimits.MaxCellCharacters} characters"));
                if (errors.Count >= InvalidInputException.MaxErrors) return false;
                continue;
            }
            return true;
        }
    }

    /// <summary>The line breaks inside a raw record (not its terminator): how many lines past its first it
    /// ends.</summary>
    private static int LineBreaks(string raw)
    {
        // The final line break ends the record unless a quote is left open (then it is inside the runaway cell).
        var balanced = raw.AsSpan().Count('"') % 2 == 0;
        var body = balanced ? raw.AsSpan().TrimEnd("\r\n") : raw.AsSpan();
        var count = 0;
        for (var i = 0; i < body.Length; i++)
            if (body[i] == '\n' || (body[i] == '\r' && (i + 1 == body.Length || body[i + 1] != '\n'))) count++;
        return count;
    }
}

/// <summary>One data row: typed accessors that record a located error instead of throwing.</summary>
public sealed class CsvRow(string[] record, IReadOnlyDictionary<string, int> columns, string source, int line, List<InputError> errors)
{
    private readonly int _errorsBefore = errors.Count;

    public int Line { get; } = line;

    /// <summary>Whether this row has recorded a problem.</summary>
    public bool HasErrors => errors.Count > _errorsBefore;

    public string Text(string name) =>
        columns.TryGetValue(name, out var c) && c <= record.Length ? record[c - 1].Trim() : "";

    public void Error(string name, string message) =>
        errors.Add(new InputError(source, Line, columns.TryGetValue(name, out var c) ? c : null, name, message));

    public delegate bool TryParse<T>(string text, out T value);

    public T Parse<T>(string name, TryParse<T> parse, string message)
    {
        var text = Text(name);
        if (parse(text, out var value)) return value;
        Error(name, $"'{text}': {message}");
        return default!;
    }

    public DateOnly Date(string name)
    {
        var text = Text(name);
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        Error(name, $"'{text}' is not a date (YYYY-MM-DD)");
        return default;
    }

    public int? Int(string name, bool optional = false)
    {
        var text = Text(name);
        if (optional && text.Length == 0) return null;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)) return v;
        Error(name, text.Length == 0 ? $"{name} is empty" : $"'{text}' is not a whole number");
        return null;
    }

    public double? Number(string name, bool optional = false)
    {
        var text = Text(name);
        if (optional && text.Length == 0) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v))
        {
            if (Math.Abs(v) <= InputLimits.MaxAmountDouble) return v;
            Error(name, InputLimits.AmountOutOfRange(text));
            return null;
        }
        Error(name, text.Length == 0 ? $"{name} is empty" : $"'{InputLimits.Shorten(text)}' is not a number");
        return null;
    }

    /// <summary>A money amount; empty is <paramref name="whenEmpty"/> (null: required).</summary>
    public decimal Money(string name, decimal? whenEmpty = 0m)
    {
        var text = Text(name);
        if (text.Length == 0 && whenEmpty is { } empty) return empty;
        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture, out var v))
        {
            if (Math.Abs(v) <= InputLimits.MaxAmount) return v;
            Error(name, InputLimits.AmountOutOfRange(text));
            return 0m;
        }
        Error(name, text.Length == 0 ? $"{name} is empty"
            : LooksLikeDigits(text) ? InputLimits.AmountOutOfRange(text)
            : $"'{InputLimits.Shorten(text)}' is not an amount (digits, optional sign and decimal point)");
        return 0m;
    }

    private static bool LooksLikeDigits(string text) =>
        text.TrimStart('-', '+').Length > 0 && text.TrimStart('-', '+').All(c => char.IsAsciiDigit(c) || c == '.');

    public bool Bool(string name, bool whenEmpty = false)
    {
        var text = Text(name).ToLowerInvariant();
        switch (text)
        {
            case "": return whenEmpty;
            case "true" or "yes" or "y" or "1": return true;
            case "false" or "no" or "n" or "0": return false;
            default: Error(name, $"'{text}' is not true or false"); return whenEmpty;
        }
    }
}
