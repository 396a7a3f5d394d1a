using System.Globalization;
using Reserves.Actuarial.Bases;
using Reserves.Inputs;
using Reserves.Actuarial.Policies;
using Reserves.Actuarial.Reserves;
using Reserves.Actuarial.Tables;
using Contract = Reserves.Contracts.Crvm.V1;

namespace Reserves.Crvm.Service;

/// <summary>
/// Maps the crvm/v1 contract to the library and back. Every problem is an <see cref="InputError"/> naming the request
/// field; policy errors carry the policy's index so that the path reads "policies[i].field".
/// </summary>
public static class ContractMapping
{
    public const string Source = "request";

    public static DateOnly ValuationDate(string text, string field = "valuation_date") =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : throw new InvalidInputException(new InputError(Source, null, null, field, $"'{text}' is not a date (YYYY-MM-DD)"));

    public static Dictionary<string, ValuationBasis> Bases(IReadOnlyList<Contract.ValuationBasis> bases, string field = "bases")
    {
        var errors = new List<InputError>();
        var result = new Dictionary<string, ValuationBasis>(StringComparer.Ordinal);
        for (var i = 0; i < bases.Count; i++)
        {
            var basis = Basis(bases[i], $"{field}[{i}]", errors);
            if (basis is null) continue;
            if (!result.TryAdd(basis.Id, basis))
                errors.Add(new InputError(Source, null, null, $"{field}[{i}].id", $"basis id '{basis.Id}' is defined twice"));
        }
        if (result.Count == 0 && errors.Count == 0) errors.Add(new InputError(Source, null, null, field, "no basis given"));
        if (errors.Count > 0) throw new InvalidInputException(errors);
        return result;
    }

    public static ValuationBasis Basis(Contract.ValuationBasis b, string path)
    {
        var errors = new List<InputError>();
        return Basis(b, path, errors) ?? throw new InvalidInputException(errors);
    }

    private static ValuationBasis? Basis(Contract.ValuationBasis b, string path, List<InputError> errors)
    {
        var before = errors.Count;
        void Error(string field, string message) => errors.Add(new InputError(Source, null, null, $"{path}.{field}", message));
        if (string.IsNullOrWhiteSpace(b.Id)) Error("id", "id is empty");
        ReserveMethod? method = b.Method switch
        {
            Contract.ReserveMethod.Crvm => ReserveMethod.Crvm,
            Contract.ReserveMethod.Nlp => ReserveMethod.Nlp,
            Contract.ReserveMethod.Fpt => ReserveMethod.Fpt,
            _ => null,
        };
        if (method is null) Error("method", "method must be CRVM, NLP or FPT");
        if (BasisRules.InterestProblem(b.Interest) is { } problem) Error("interest", problem);
        var timing = b.Timing == Contract.Timing.Semicontinuous ? Timing.SemiContinuous : Timing.Curtate;
        var convention = b.Reserve == Contract.ReserveConvention.Midterminal ? ReserveConvention.MidTerminal : ReserveConvention.Mean;
        var mortality = new Dictionary<string, TableReference>(StringComparer.Ordinal);
        foreach (var (key, text) in b.Mortality)
        {
            if (!BasisRules.TryMortalityKey(key, out var normalized)) Error($"mortality[{key}]", BasisRules.UnknownMortalityKey(key));
            else if (!TableReference.TryParse(text, out var reference, out var error)) Error($"mortality[{key}]", error);
            else mortality[normalized] = reference;
        }
        if (b.Mortality.Count == 0) Error("mortality", "mortality maps no sex to a table");
        if (errors.Count > before) return null;
        return new ValuationBasis(b.Id, string.IsNullOrWhiteSpace(b.Label) ? b.Id : b.Label, method!.Value, b.Interest, timing, convention, mortality);
    }

    public static Contract.ValuationBasis ToContract(ValuationBasis b)
    {
        var pb = new Contract.ValuationBasis
        {
            Id = b.Id,
            Label = b.Label,
            Method = b.Method switch { ReserveMethod.Crvm => Contract.ReserveMethod.Crvm, ReserveMethod.Nlp => Contract.ReserveMethod.Nlp, _ => Contract.ReserveMethod.Fpt },
            Interest = b.Interest,
            Timing = b.Timing == Timing.SemiContinuous ? Contract.Timing.Semicontinuous : Contract.Timing.Curtate,
            Reserve = b.Reserve == ReserveConvention.MidTerminal ? Contract.ReserveConvention.Midterminal : Contract.ReserveConvention.Mean,
        };
        foreach (var (key, reference) in b.Mortality) pb.Mortality[key] = reference.Text;
        return pb;
    }

    /// <summary>Maps policies; <paramref name="indexOffset"/> numbers them within a stream.</summary>
    public static List<Policy> Policies(IReadOnlyList<Contract.Policy> policies, int indexOffset = 0)
    {
        var errors = new List<InputError>();
        var result = new List<Policy>(policies.Count);
        for (var i = 0; i < policies.Count && errors.Count < InvalidInputException.MaxErrors; i++)
        {
            var p = policies[i];
            // The common case costs no allocation but the policy: the checks are repeated with messages on a miss.
            if (PolicyCodes.TryParsePlan(p.Plan, out var plan) && PolicyCodes.TryParseSex(p.Sex, out var sex)
                && PolicyCodes.TryParseRiskClass(p.RiskClass, out var riskClass) && TryParseDate(p.IssueDate, out var issueDate)
                && p.PremiumYears >= 0 && p.BenefitYears >= 0)
            {
                var policy = NewPolicy(p, plan, issueDate, sex, riskClass);
                if (PolicyRules.IsValid(policy))
                {
                    result.Add(policy);
                    continue;
                }
            }
            Check(p, i + indexOffset, errors);
        }
        if (errors.Count > 0) throw new InvalidInputException(errors);
        return result;
    }

    private static void Check(Contract.Policy p, int index, List<InputError> errors)
    {
        var before = errors.Count;
        void Error(string field, string message) => errors.Add(new InputError(Source, null, null, field, message, index, "policies"));
        if (!PolicyCodes.TryParsePlan(p.Plan, out var plan)) Error("plan", $"'{p.Plan}': plan must be WL, LP, TERM or END");
        if (!PolicyCodes.TryParseSex(p.Sex, out var sex)) Error("sex", $"'{p.Sex}': sex must be M, F or U");
        if (!PolicyCodes.TryParseRiskClass(p.RiskClass, out var riskClass)) Error("risk_class", $"'{p.RiskClass}': risk_class must be empty, NS or SM");
        if (!TryParseDate(p.IssueDate, out var issueDate)) Error("issue_date", $"'{p.IssueDate}' is not a date (YYYY-MM-DD)");
        if (p.PremiumYears < 0) Error("premium_years", $"premium years {p.PremiumYears} must not be negative (0 for the whole benefit period)");
        if (p.BenefitYears < 0) Error("benefit_years", $"benefit years {p.BenefitYears} must not be negative");
        if (errors.Count > before) return;
        foreach (var (field, message) in PolicyRules.Check(NewPolicy(p, plan, issueDate, sex, riskClass))) Error(field, message);
    }

    private static Policy NewPolicy(Contract.Policy p, Plan plan, DateOnly issueDate, Sex sex, RiskClass riskClass) =>
        new(p.PolicyId, plan, issueDate, p.IssueAge, sex, riskClass, p.FaceAmount, p.HasGrossPremium ? p.GrossPremium : null,
            p.PremiumYears == 0 ? null : p.PremiumYears, p.BenefitYears == 0 ? null : p.BenefitYears, p.Basis);

    // yyyy-MM-dd read digit by digit; the general parser for anything else.
    private static bool TryParseDate(string text, out DateOnly date)
    {
        static int Digit(char c) => c is >= '0' and <= '9' ? c - '0' : -10_000;
        if (text.Length == 10 && text[4] == '-' && text[7] == '-')
        {
            var y = Digit(text[0]) * 1000 + Digit(text[1]) * 100 + Digit(text[2]) * 10 + Digit(text[3]);
            var m = Digit(text[5]) * 10 + Digit(text[6]);
            var d = Digit(text[8]) * 10 + Digit(text[9]);
            if (y >= 1 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
            {
                date = new DateOnly(y, m, d);
                return true;
            }
        }
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    public static Contract.Policy ToContract(Policy p)
    {
        var pb = new Contract.Policy
        {
            PolicyId = p.PolicyId,
            Plan = p.Plan.Code(),
            IssueDate = p.IssueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            IssueAge = p.IssueAge,
            Sex = p.Sex.Code(),
            RiskClass = p.RiskClass.Code(),
            FaceAmount = p.FaceAmount,
            PremiumYears = p.PremiumYears ?? 0,
            BenefitYears = p.BenefitYears ?? 0,
            Basis = p.BasisId,
        };
        if (p.GrossPremium is { } gross) pb.GrossPremium = gross;
        return pb;
    }

    public static Contract.PolicyReserve ToContract(PolicyReserve r) => new()
    {
        PolicyId = r.PolicyId,
        Basis = r.BasisId,
        PolicyYear = r.PolicyYear,
        IssueYear = r.IssueYear,
        Alpha = r.Alpha,
        Beta = r.Beta,
        TerminalStart = r.TerminalStart,
        TerminalEnd = r.TerminalEnd,
        MeanReserve = r.MeanReserve,
        InterpolatedReserve = r.InterpolatedReserve,
        DeficiencyReserve = r.DeficiencyReserve,
        Reserve = r.Reserve,
    };

    public static PolicyReserve FromContract(Contract.PolicyReserve r) =>
        new(r.PolicyId, r.Basis, r.PolicyYear, r.IssueYear, r.Alpha, r.Beta, r.TerminalStart, r.TerminalEnd,
            r.MeanReserve, r.InterpolatedReserve, r.DeficiencyReserve, r.Reserve);

    public static Contract.TableInfo ToContract(MortalityTable t) => new()
    {
        Reference = t.Reference,
        Name = t.Name,
        AgeBasis = t.AgeBasis.ShortName(),
        MinAge = t.MinAge,
        MaxAge = t.MaxAge,
        SelectPeriod = t.SelectPeriod,
        MinSelectAge = t.IsSelect ? t.MinSelectAge : 0,
        MaxSelectAge = t.IsSelect ? t.MaxSelectAge : 0,
    };

    public static Contract.BasisReserveSums ToContract(Exhibits.BasisTotals t) => new()
    {
        BasisId = t.BasisId,
        Reserve = t.Reserve.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Deficiency = t.Deficiency.ToString(System.Globalization.CultureInfo.InvariantCulture),
        FirstIssueYear = t.FirstIssueYear,
        LastIssueYear = t.LastIssueYear,
        Policies = t.Policies,
    };

    public static Exhibits.BasisTotals FromContract(Contract.BasisReserveSums s) => new(s.BasisId,
        decimal.Parse(s.Reserve, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(s.Deficiency, System.Globalization.CultureInfo.InvariantCulture),
        s.FirstIssueYear, s.LastIssueYear, s.Policies);
}
