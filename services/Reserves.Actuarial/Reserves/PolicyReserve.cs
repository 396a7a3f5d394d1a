namespace Reserves.Actuarial.Reserves;

/// <summary>
/// The reserve of one policy at a valuation date, in dollars for its face (full precision; exhibits round).
/// <see cref="Reserve"/> is the figure the basis reports: the mean reserve, or the interpolated reserve for a
/// mid-terminal basis. <see cref="InterpolatedReserve"/> is the interpolated terminal reserve plus the unearned
/// net premium. Both are held at zero when negative. <see cref="DeficiencyReserve"/> is held on its own exhibit line
/// and is not part of Reserve. A struct: a block of a million results is one array, not a million objects for the GC.
/// </summary>
public readonly record struct PolicyReserve(
    string PolicyId,
    string BasisId,
    int PolicyYear,
    int IssueYear,
    double Alpha,
    double Beta,
    double TerminalStart,
    double TerminalEnd,
    double MeanReserve,
    double InterpolatedReserve,
    double DeficiencyReserve,
    double Reserve);
