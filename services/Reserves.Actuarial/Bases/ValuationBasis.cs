using Reserves.Actuarial.Policies;
using Reserves.Actuarial.Tables;

namespace Reserves.Actuarial.Bases;

public enum ReserveMethod
{
    Crvm,
    Nlp,
    Fpt,
}

public enum Timing
{
    /// <summary>Premiums at the start of the year, claims at the end of the year of death.</summary>
    Curtate,
    /// <summary>Claims at the moment of death (death benefit PVs times i/delta), premiums annual.</summary>
    SemiContinuous,
}

public enum ReserveConvention
{
    /// <summary>½((t-1)V + NP_t + tV).</summary>
    Mean,
    /// <summary>Interpolated terminal reserve plus unearned net premium.</summary>
    MidTerminal,
}

/// <summary>
/// A valuation basis: mortality by sex and risk class, interest, method, timing, reserve convention and the label
/// printed on the exhibit. <see cref="Mortality"/> keys are "M", "F", "U", optionally with a class ("M-NS").
/// </summary>
public sealed record ValuationBasis(
    string Id,
    string Label,
    ReserveMethod Method,
    double Interest,
    Timing Timing,
    ReserveConvention Reserve,
    IReadOnlyDictionary<string, TableReference> Mortality)
{
    /// <summary>The most specific mortality key for a life: "M-NS" before "M"; null when the basis has neither.</summary>
    public string? MortalityKey(Sex sex, RiskClass riskClass)
    {
        var sexKey = sex.Code();
        if (riskClass != RiskClass.Aggregate)
        {
            var specific = $"{sexKey}-{riskClass.Code()}";
            if (Mortality.ContainsKey(specific)) return specific;
        }
        return Mortality.ContainsKey(sexKey) ? sexKey : null;
    }

    public static string MethodName(ReserveMethod method) => method switch
    {
        ReserveMethod.Crvm => "CRVM",
        ReserveMethod.Nlp => "NLP",
        _ => "FPT",
    };
}
