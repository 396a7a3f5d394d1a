using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Reserves.Inputs;

namespace Reserves.Actuarial.Policies;

/// <summary>
/// The policies of an in-force file with, for each, the file line it came from, and the file's column positions:
/// enough to point an error found later (during valuation) at its line and column.
/// </summary>
public sealed record PolicyFile(string Source, IReadOnlyList<Policy> Policies, IReadOnlyList<int> Lines, IReadOnlyDictionary<string, int> Columns)
{
    /// <summary>Places a valuation error (record index and field) in the file.</summary>
    public InputError Locate(InputError error) =>
        error.RecordIndex is int i && i >= 0 && i < Lines.Count
            ? error with { Source = Source, Line = Lines[i], Column = Columns.TryGetValue(error.Field, out var c) ? c : null }
            : error with { Source = Source };
}

/// <summary>
/// Reads a policies CSV: a header row, then one policy a row; columns in any order, extra columns ignored.
/// Every problem names the file, line, column and column name; the whole file is refused when any row is bad.
/// </summary>
public static class PolicyCsvReader
{
    public static readonly string[] RequiredColumns =
        ["policy_id", "plan", "issue_date", "issue_age", "sex", "risk_class", "face_amount", "gross_premium", "premium_years", "benefit_years", "basis"];

    public static PolicyFile ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, Path.GetFileName(path));
    }

    public static PolicyFile Read(TextReader text, string source)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, DetectColumnCountChanges = false };
        using var csv = new CsvParser(text, config);
        if (!csv.Read()) throw new InvalidInputException(new InputError(source, 1, null, "", "the file is empty: expected a header row"));
        var header = csv.Record!.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < header.Length; c++) columns.TryAdd(header[c], c + 1);
        var missing = RequiredColumns.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            throw new InvalidInputException(missing.Select(m => new InputError(source, 1, null, m, $"missing column '{m}'")).ToList());

        var policies = new List<Policy>();
        var lines = new List<int>();
        var errors = new List<InputError>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        while (csv.Read() && errors.Count < InvalidInputException.MaxErrors)
        {
            var record = csv.Record!;
            var line = csv.RawRow;
            if (record.Length == 1 && string.IsNullOrWhiteSpace(record[0])) continue;
            var row = new Row(record, columns, source, line, errors);
            var before = errors.Count;
            var policy = new Policy(
                row.Text("policy_id"),
                row.Parse("plan", (string s, out Plan v) => PolicyCodes.TryParsePlan(s, out v), "plan must be WL, LP, TERM or END"),
                row.Date("issue_date"),
                row.Int("issue_age") ?? 0,
                row.Parse("sex", (string s, out Sex v) => PolicyCodes.TryParseSex(s, out v), "sex must be M, F or U"),
                row.Parse("risk_class", (string s, out RiskClass v) => PolicyCodes.TryParseRiskClass(s, out v), "risk_class must be empty, NS or SM"),
                row.Number("face_amount") ?? 0,
                row.Number("gross_premium", optional: true),
                row.Int("premium_years", optional: true),
                row.Int("benefit_years", optional: true),
                row.Text("basis"));
            if (errors.Count > before) continue;
            foreach (var (field, message) in PolicyRules.Check(policy))
                errors.Add(new InputError(source, line, columns[field], field, message));
            if (seen.TryGetValue(policy.PolicyId, out var firstLine))
                errors.Add(new InputError(source, line, columns["policy_id"], "policy_id", $"policy_id '{policy.PolicyId}' repeats line {firstLine}"));
            else
                seen[policy.PolicyId] = line;
            if (errors.Count > before) continue;
            policies.Add(policy);
            lines.Add(line);
        }
        if (errors.Count > 0) throw new InvalidInputException(errors);
        return new PolicyFile(source, policies, lines, columns);
    }

    private delegate bool TryParse<T>(string text, out T value);

    private readonly struct Row(string[] record, Dictionary<string, int> columns, string source, int line, List<InputError> errors)
    {
        public string Text(string name)
        {
            var c = columns[name];
            return c <= record.Length ? record[c - 1].Trim() : "";
        }

        private void Error(string name, string message) => errors.Add(new InputError(source, line, columns[name], name, message));

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
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)) return v;
            Error(name, text.Length == 0 ? $"{name} is empty" : $"'{text}' is not a number");
            return null;
        }
    }
}
