namespace Reserves.Actuarial.Tables;

public enum AgeBasis
{
    Unknown,
    AgeNearestBirthday,
    AgeLastBirthday,
}

public static class AgeBasisNames
{
    public static string ShortName(this AgeBasis basis) => basis switch
    {
        AgeBasis.AgeNearestBirthday => "ANB",
        AgeBasis.AgeLastBirthday => "ALB",
        _ => "UNKNOWN",
    };

    /// <summary>Reads the age basis from a table's name or description ("Age Nearest Birthday", "ANB", "-alb").</summary>
    public static AgeBasis FromText(string? text)
    {
        if (string.IsNullOrEmpty(text)) return AgeBasis.Unknown;
        var t = text.ToUpperInvariant();
        if (t.Contains("AGE NEAREST BIRTHDAY") || ContainsToken(t, "ANB")) return AgeBasis.AgeNearestBirthday;
        if (t.Contains("AGE LAST BIRTHDAY") || ContainsToken(t, "ALB")) return AgeBasis.AgeLastBirthday;
        return AgeBasis.Unknown;
    }

    private static bool ContainsToken(string text, string token)
    {
        for (var at = text.IndexOf(token, StringComparison.Ordinal); at >= 0; at = text.IndexOf(token, at + 1, StringComparison.Ordinal))
        {
            var before = at == 0 || !char.IsLetterOrDigit(text[at - 1]);
            var end = at + token.Length;
            var after = end == text.Length || !char.IsLetterOrDigit(text[end]);
            if (before && after) return true;
        }
        return false;
    }
}
