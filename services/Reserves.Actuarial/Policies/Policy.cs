namespace Reserves.Actuarial.Policies;

public enum Plan
{
    /// <summary>Whole life: premiums and benefits to the end of the table.</summary>
    WholeLife,
    /// <summary>Limited-pay life: whole life benefits, premiums for premium_years.</summary>
    LimitedPay,
    /// <summary>n-year term.</summary>
    Term,
    /// <summary>n-year endowment: the face is paid at death within n years or at maturity.</summary>
    Endowment,
}

public enum Sex
{
    Male,
    Female,
    Unisex,
}

public enum RiskClass
{
    Aggregate,
    NonSmoker,
    Smoker,
}

/// <summary>
/// One in-force policy: level face and level annual premium. <see cref="GrossPremium"/> null means no deficiency
/// test (the guaranteed gross premium is not known). <see cref="PremiumYears"/> null means premiums for the
/// whole benefit period; <see cref="BenefitYears"/> null (WL, LP) means to the end of the mortality table.
/// </summary>
public sealed record Policy(
    string PolicyId,
    Plan Plan,
    DateOnly IssueDate,
    int IssueAge,
    Sex Sex,
    RiskClass RiskClass,
    double FaceAmount,
    double? GrossPremium,
    int? PremiumYears,
    int? BenefitYears,
    string BasisId);

public static class PolicyCodes
{
    public static string Code(this Plan plan) => plan switch
    {
        Plan.WholeLife => "WL",
        Plan.LimitedPay => "LP",
        Plan.Term => "TERM",
        _ => "END",
    };

    public static string Code(this Sex sex) => sex switch
    {
        Sex.Male => "M",
        Sex.Female => "F",
        _ => "U",
    };

    public static string Code(this RiskClass riskClass) => riskClass switch
    {
        RiskClass.NonSmoker => "NS",
        RiskClass.Smoker => "SM",
        _ => "",
    };

    public static bool TryParsePlan(string text, out Plan plan)
    {
        switch (text.Trim().ToUpperInvariant())
        {
            case "WL": plan = Plan.WholeLife; return true;
            case "LP": plan = Plan.LimitedPay; return true;
            case "TERM": plan = Plan.Term; return true;
            case "END": plan = Plan.Endowment; return true;
            default: plan = default; return false;
        }
    }

    public static bool TryParseSex(string text, out Sex sex)
    {
        switch (text.Trim().ToUpperInvariant())
        {
            case "M": sex = Sex.Male; return true;
            case "F": sex = Sex.Female; return true;
            case "U": sex = Sex.Unisex; return true;
            default: sex = default; return false;
        }
    }

    public static bool TryParseRiskClass(string text, out RiskClass riskClass)
    {
        switch (text.Trim().ToUpperInvariant())
        {
            case "": riskClass = RiskClass.Aggregate; return true;
            case "NS": riskClass = RiskClass.NonSmoker; return true;
            case "SM": riskClass = RiskClass.Smoker; return true;
            default: riskClass = default; return false;
        }
    }
}
