namespace Reserves.Actuarial.Tables;

/// <summary>
/// The SOA Standard Ultimate Life Table (exam tables): Makeham mu_x = A + B c^x with A = 0.00022, B = 2.7e-6,
/// c = 1.124, so q_x = 1 - exp(-A - B c^x (c - 1) / ln c). Built in under the reference <c>sult</c>.
/// </summary>
public static class StandardUltimateLifeTable
{
    public const string Reference = "sult";
    public const double A = 0.00022;
    public const double B = 2.7e-6;
    public const double C = 1.124;
    public const int MinAge = 0;
    /// <summary>The table is closed at this age (q = 1); survival to it is below 1e-9 from age 20.</summary>
    public const int MaxAge = 130;

    /// <summary>t_p_x = exp(-A t - B c^x (c^t - 1) / ln c).</summary>
    public static double Survival(double x, double t) =>
        Math.Exp(-A * t - B * Math.Pow(C, x) * (Math.Pow(C, t) - 1) / Math.Log(C));

    public static MortalityTable Create()
    {
        var q = new double[MaxAge - MinAge + 1];
        for (var age = MinAge; age <= MaxAge; age++) q[age - MinAge] = 1 - Survival(age, 1);
        return new MortalityTable(Reference, "SOA Standard Ultimate Life Table (Makeham A=0.00022, B=2.7e-6, c=1.124)",
            AgeBasis.Unknown, MinAge, q);
    }
}
