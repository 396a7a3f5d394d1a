namespace Reserves.Actuarial.Bases;

/// <summary>Checks of a basis shared by the bases file reader and the gRPC contract mapping.</summary>
public static class BasisRules
{
    public static readonly string[] MortalityKeys = ["M", "F", "U", "M-NS", "M-SM", "F-NS", "F-SM", "U-NS", "U-SM"];

    /// <summary>Null when the rate is acceptable as a valuation interest rate.</summary>
    public static string? InterestProblem(double interest) =>
        interest > 0 && interest < 1 ? null : $"interest {interest} must be a decimal rate between 0 and 1 (0.04 for 4%)";

    public static bool TryMortalityKey(string key, out string normalized)
    {
        normalized = key.Trim().ToUpperInvariant();
        return MortalityKeys.Contains(normalized);
    }

    public static string UnknownMortalityKey(string key) => $"unknown mortality key '{key}': use {string.Join(", ", MortalityKeys)}";
}
