using System.Text.Json;
using System.Text.Json.Serialization;
using Reserves.Exhibits.Avr;
using Reserves.Exhibits.Imr;

namespace Reserves.Exhibits.Set;

/// <summary>One input of a run: its role, the name it was given, its SHA-256 and size, and how many records it held.</summary>
public sealed record RunInput(string Role, string Name, string Sha256, long Bytes, int Records);

/// <summary>Totals of a run that the next quarter compares against.</summary>
public sealed record RunTotals(decimal LifeReserves, decimal DeficiencyReserves, decimal AvrReserve, decimal AvrMaximum, decimal ImrReserve)
{
    public RunTotals Minus(RunTotals other) => new(LifeReserves - other.LifeReserves, DeficiencyReserves - other.DeficiencyReserves,
        AvrReserve - other.AvrReserve, AvrMaximum - other.AvrMaximum, ImrReserve - other.ImrReserve);
}

/// <summary>The change against the prior quarter's run of the same company.</summary>
public sealed record PriorComparison(DateOnly PriorValuationDate, string PriorRunId, RunTotals Prior, RunTotals Change);

/// <summary>
/// The run summary: what went in (inputs with hashes, assumptions, factor-set versions), the software, counts, totals,
/// and the change against the prior quarter.
/// </summary>
public sealed record RunSummary(
    string Company,
    DateOnly ValuationDate,
    string RunId,
    string SoftwareVersion,
    string StartedAt,
    string FinishedAt,
    IReadOnlyList<RunInput> Inputs,
    IReadOnlyList<string> Bases,
    IReadOnlyList<string> MortalityTables,
    string AvrFactorSet,
    string ImrMethod,
    int Policies,
    int Segments,
    int Holdings,
    int Disposals,
    RunTotals Totals,
    PriorComparison? Prior);

/// <summary>The statutory exhibit set of a run: life reserves by basis, the AVR pages and roll-forward, the IMR page and exhibit, the summary.</summary>
public sealed record ExhibitSet(RunSummary Summary, IReadOnlyList<ExhibitLine> LifeReserves, AvrReport Avr, ImrReport Imr)
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The same names without indentation: for grain state and the wire (a third smaller; readers take either).</summary>
    public static readonly JsonSerializerOptions CompactJson = new(Json) { WriteIndented = false };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public string ToCompactJson() => JsonSerializer.Serialize(this, CompactJson);

    public static ExhibitSet FromJson(string json) =>
        JsonSerializer.Deserialize<ExhibitSet>(json, Json) ?? throw new JsonException("empty exhibit set");

    public static RunTotals TotalsOf(IReadOnlyList<ExhibitLine> life, AvrReport avr, ImrReport imr) => TotalsOf(life, avr, imr.Page);

    public static RunTotals TotalsOf(IReadOnlyList<ExhibitLine> life, AvrReport avr, IReadOnlyList<ImrPageRow> imrPage) => new(
        life.Single(l => l.Line == "9999999").UnroundedAmount,
        life.Single(l => l.Description == LifeReserveExhibit.DeficiencyDescription).UnroundedAmount,
        avr.RollForward?[15].Total ?? 0m,
        avr.RollForward?[8].Total ?? 0m,
        imrPage.Single(p => p.Line == "6").Amount);

    /// <summary>The page of an IMR report's JSON, the rest skipped.</summary>
    public sealed record ImrPageOnly(IReadOnlyList<ImrPageRow> Page);

    /// <summary>
    /// The compact JSON of a set whose AVR and IMR reports are at hand as JSON (as a segment stored them): written into
    /// the set as they are, the same document <see cref="ToCompactJson"/> gives for the parsed reports.
    /// </summary>
    public static string ComposeCompactJson(RunSummary summary, IReadOnlyList<ExhibitLine> lifeReserves, string avrJson, string imrJson)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(avrJson.Length + imrJson.Length + 64 * 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName(CompactJson.PropertyNamingPolicy!.ConvertName(nameof(Summary)));
            JsonSerializer.Serialize(writer, summary, CompactJson);
            writer.WritePropertyName(CompactJson.PropertyNamingPolicy.ConvertName(nameof(LifeReserves)));
            JsonSerializer.Serialize(writer, lifeReserves, CompactJson);
            writer.WritePropertyName(CompactJson.PropertyNamingPolicy.ConvertName(nameof(Avr)));
            writer.WriteRawValue(avrJson, skipInputValidation: true);
            writer.WritePropertyName(CompactJson.PropertyNamingPolicy.ConvertName(nameof(Imr)));
            writer.WriteRawValue(imrJson, skipInputValidation: true);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
