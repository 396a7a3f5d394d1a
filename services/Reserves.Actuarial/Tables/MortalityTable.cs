namespace Reserves.Actuarial.Tables;

/// <summary>
/// A mortality table: ultimate rates by attained age and, for select-and-ultimate tables, select rates by issue
/// age and policy duration. Rates are annual probabilities of death. The last age of the table closes it: its
/// rate is taken as 1 whatever the source prints (domain.md 1.1).
/// </summary>
public sealed class MortalityTable
{
    private readonly double[] _ultimate;            // index: age - MinAge
    private readonly double[]?[] _select;           // index: issue age - MinSelectAge; values by duration 1..
    // The rate path of every issue age 0..MaxAge, built once with the table (a few thousand doubles): valuing reads
    // them with no lock and no lookup. Null where an age has no rate for some policy year.
    private readonly double[]?[] _paths;

    public MortalityTable(string reference, string name, AgeBasis ageBasis, int minAge, double[] ultimate,
        int minSelectAge = 0, double[]?[]? select = null)
    {
        if (ultimate.Length == 0) throw new ArgumentException($"table {reference} has no ultimate rates", nameof(ultimate));
        foreach (var q in ultimate)
            if (!(q >= 0 && q <= 1)) throw new ArgumentException($"table {reference} has a rate outside [0, 1]: {q}", nameof(ultimate));
        Reference = reference;
        Name = name;
        AgeBasis = ageBasis;
        MinAge = minAge;
        _ultimate = (double[])ultimate.Clone();
        _ultimate[^1] = 1.0;
        _select = select ?? [];
        MinSelectAge = minSelectAge;
        SelectPeriod = _select.Length == 0 ? 0 : _select.Max(r => r?.Length ?? 0);
        _paths = new double[]?[Math.Max(0, MaxAge + 1)];
        for (var x = 0; x < _paths.Length; x++) _paths[x] = TryBuildPath(x);
    }

    public string Reference { get; }
    public string Name { get; }
    public AgeBasis AgeBasis { get; }
    /// <summary>First age of the ultimate rates.</summary>
    public int MinAge { get; }
    /// <summary>Last age of the table (its rate is 1).</summary>
    public int MaxAge => MinAge + _ultimate.Length - 1;
    /// <summary>Number of select durations (0 for an ultimate-only table).</summary>
    public int SelectPeriod { get; }
    public int MinSelectAge { get; }
    public int MaxSelectAge => SelectPeriod == 0 ? -1 : MinSelectAge + _select.Length - 1;
    public bool IsSelect => SelectPeriod > 0;

    /// <summary>Ultimate rate at an attained age.</summary>
    public double Ultimate(int age) =>
        age >= MinAge && age <= MaxAge ? _ultimate[age - MinAge]
            : throw new ArgumentOutOfRangeException(nameof(age), $"age {age} is outside table {Reference} ({MinAge}-{MaxAge})");

    /// <summary>
    /// Whether a life can be issued at this age: the rates exist for every policy year up to the end of the table.
    /// </summary>
    public bool AcceptsIssueAge(int issueAge) => issueAge >= 0 && issueAge < _paths.Length && _paths[issueAge] is not null;

    /// <summary>
    /// Rates for policy years 1, 2, ... of a life issued at <paramref name="issueAge"/>, to the end of the table:
    /// policy year d uses the select rate of row x, duration d, while d is within the select period and the row has
    /// a value, otherwise the ultimate rate at attained age x + d - 1. The array is shared: do not modify it.
    /// </summary>
    public double[] PolicyYearRates(int issueAge) =>
        (issueAge >= 0 && issueAge < _paths.Length ? _paths[issueAge] : null)
            ?? throw new ArgumentOutOfRangeException(nameof(issueAge), $"issue age {issueAge} is outside table {Reference}");

    private double[]? TryBuildPath(int x)
    {
        if (x > MaxAge) return null;
        var row = x >= MinSelectAge && x - MinSelectAge < _select.Length ? _select[x - MinSelectAge] : null;
        var years = MaxAge - x + 1;
        var path = new double[years];
        for (var d = 1; d <= years; d++)
        {
            var age = x + d - 1;
            if (row is not null && d <= row.Length && !double.IsNaN(row[d - 1]))
                path[d - 1] = row[d - 1];
            else if (age >= MinAge)
                path[d - 1] = _ultimate[age - MinAge];
            else
                return null;
        }
        return path;
    }
}
