using System.Globalization;
using Reserves.Inputs;
using System.Runtime.CompilerServices;

namespace Reserves.Actuarial.Policies;

/// <summary>Checks of one policy that need no assumption: each problem names the input field (file column).</summary>
public static class PolicyRules
{
    public const int MaxIssueAge = 130;

    /// <summary>Premium and benefit periods beyond this many years are refused (no life lasts longer).</summary>
    public const int MaxYears = 150;

    /// <summary>The same checks as <see cref="Check"/>, without allocating (the valuation's fast path).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsValid(Policy p) =>
        !string.IsNullOrWhiteSpace(p.PolicyId) && p.PolicyId.Length <= InputLimits.MaxCellCharacters
        && p.BasisId.Length <= InputLimits.MaxCellCharacters
        && p.IssueAge is >= 0 and <= MaxIssueAge && p.FaceAmount > 0 && p.FaceAmount <= InputLimits.MaxAmountDouble
        && (p.GrossPremium is not { } g || (g >= 0 && g <= InputLimits.MaxAmountDouble))
        && p.PremiumYears is null or > 0 and <= MaxYears && p.BenefitYears is null or > 0 and <= MaxYears
        && !(p.Plan is Plan.Term or Plan.Endowment && p.BenefitYears is null) && !(p.Plan == Plan.LimitedPay && p.PremiumYears is null)
        && !(p.PremiumYears is > 0 && p.BenefitYears is > 0 && p.PremiumYears > p.BenefitYears) && !string.IsNullOrWhiteSpace(p.BasisId);

    public static IEnumerable<(string Field, string Message)> Check(Policy p)
    {
        if (string.IsNullOrWhiteSpace(p.PolicyId)) yield return ("policy_id", "policy_id is empty");
        if (p.PolicyId.Length > InputLimits.MaxCellCharacters)
            yield return ("policy_id", $"policy_id is longer than {InputLimits.MaxCellCharacters} characters");
        if (p.BasisId.Length > InputLimits.MaxCellCharacters)
            yield return ("basis", $"basis is longer than {InputLimits.MaxCellCharacters} characters");
        if (p.IssueAge is < 0 or > MaxIssueAge) yield return ("issue_age", $"issue age {p.IssueAge} is outside 0-{MaxIssueAge}");
        if (!(p.FaceAmount > 0) || double.IsInfinity(p.FaceAmount))
            yield return ("face_amount", $"face amount {p.FaceAmount} must be positive");
        else if (p.FaceAmount > InputLimits.MaxAmountDouble)
            yield return ("face_amount", InputLimits.AmountOutOfRange(p.FaceAmount.ToString("R",
                CultureInfo.InvariantCulture)));
        if (p.GrossPremium is { } g && (!(g >= 0) || double.IsInfinity(g)))
            yield return ("gross_premium", $"gross premium {p.GrossPremium} must be zero or positive");
        else if (p.GrossPremium > InputLimits.MaxAmountDouble)
            yield return ("gross_premium", InputLimits.AmountOutOfRange(p.GrossPremium.Value.ToString("R",
                CultureInfo.InvariantCulture)));
        if (p.PremiumYears > MaxYears || p.BenefitYears > MaxYears)
            yield return (p.PremiumYears > MaxYears ? "premium_years" : "benefit_years",
                $"a period beyond {MaxYears} years");
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
