using Reserves.Inputs;

namespace Reserves.Actuarial.Policies;

/// <summary>
/// Reads a policies CSV: a header row, then one policy a row; columns in any order, extra columns ignored.
/// Every problem names the file, line, column and column name; the whole file is refused when any row is bad.
/// </summary>
public static class PolicyCsvReader
{
    public static readonly string[] RequiredColumns =
        ["policy_id", "plan", "issue_date", "issue_age", "sex", "risk_class", "face_amount", "gross_premium", "premium_years", "benefit_years", "basis"];

    public static RecordFile<Policy> ReadFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return Read(bytes, Path.GetFileName(path));
    }

    /// <summary>Reads a file's bytes: the fast path when the file allows it, else (and for every error) the full reader.</summary>
    public static RecordFile<Policy> Read(byte[] bytes, string source) =>
        PolicyCsvFastReader.TryRead(bytes, source) ?? Read(new StringReader(Utf8Input.Decode(bytes, source)), source);

    public static RecordFile<Policy> Read(TextReader text, string source) =>
        CsvRecords.Read(text, source, RequiredColumns, "policy_id", row =>
        {
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
            if (row.HasErrors) return null;
            foreach (var (field, message) in PolicyRules.Check(policy)) row.Error(field, message);
            return policy;
        });
}
