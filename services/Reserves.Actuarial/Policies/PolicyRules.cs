using System.Runtime.CompilerServices;

namespace Reserves.Actuarial.Policies;

/// <summary>Checks of one policy that need no assumption: each problem names the input field (file column).</summary>
public static class PolicyRules
{
    public const int MaxIssueAge = 130;

    /// <summary>The same checks as <see cref="Check"/>, without allocating (the valuation's fast path).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsValid(Policy p) =>
        !string.IsNullOrWhiteSpace(p.PolicyId) && p.IssueAge is >= 0 and <= MaxIssueAge && p.FaceAmount > 0 && !double.IsInfinity(p.FaceAmount)
        && (p.GrossPremium is not { } g || (g >= 0 && !double.IsInfinity(g)))
        && p.PremiumYears is null or > 0 && p.BenefitYears is null or > 0
        && !(p.Plan is Plan.Term or Plan.Endowment && p.BenefitYears is null) && !(p.Plan == Plan.LimitedPay && p.PremiumYears is null)
        && !(p.PremiumYears is > 0 && p.BenefitYears is > 0 && p.PremiumYears > p.BenefitYears) && !string.IsNullOrWhiteSpace(p.BasisId);

    public static IEnumerable<(string Field, string Message)> Check(Policy p)
    {
        if (string.IsNullOrWhiteSpace(p.PolicyId)) yield return ("policy_id", "policy_id is empty");
        if (p.IssueAge is < 0 or > MaxIssueAge) yield return ("issue_age", $"issue age {p.IssueAge} is outside 0-{MaxIssueAge}");
        if (!(p.FaceAmount > 0) || double.IsInfinity(p.FaceAmount)) yield return ("face_amount", $"face amount {p.FaceAmount} must be positive");
        if (p.GrossPremium is { } g && (!(g >= 0) || double.IsInfinity(g))) yield return ("gross_premium", $"gross premium {p.GrossPremium} must be zero or positive");
        if (p.PremiumYears is <= 0) yield return ("premium_years", $"premium years {p.PremiumYears} must be positive (leave empty for the whole benefit period)");
        if (p.BenefitYears is <= 0) yield return ("benefit_years", $"benefit years {p.BenefitYears} must be positive");
        if (p.Plan is Plan.Term or Plan.Endowment && p.BenefitYears is null)
            yield return ("benefit_years", $"benefit years are required for plan {p.Plan.Code()}");
        if (p.Plan == Plan.LimitedPay && p.PremiumYears is null)
            yield return ("premium_years", "premium years are required for plan LP");
        if (p.PremiumYears is > 0 && p.BenefitYears is > 0 && p.PremiumYears > p.BenefitYears)
            yield return ("premium_years", $"premium years {p.PremiumYears} exceed benefit years {p.BenefitYears}");
        if (string.IsNullOrWhiteSpace(p.BasisId)) yield return ("basis", "basis is empty");
    }
}
