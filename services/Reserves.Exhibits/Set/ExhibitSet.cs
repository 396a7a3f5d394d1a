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

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ExhibitSet FromJson(string json) =>
        JsonSerializer.Deserialize<ExhibitSet>(json, Json) ?? throw new JsonException("empty exhibit set");

    public static RunTotals TotalsOf(IReadOnlyList<ExhibitLine> life, AvrReport avr, ImrReport imr) => new(
        life.Single(l => l.Line == "9999999").UnroundedAmount,
        life.Single(l => l.Description == LifeReserveExhibit.DeficiencyDescription).UnroundedAmount,
        avr.RollForward?[15].Total ?? 0m,
        avr.RollForward?[8].Total ?? 0m,
        imr.Page.Single(p => p.Line == "6").Amount);
}
