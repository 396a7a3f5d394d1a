namespace Reserves.Investments.Avr;

/// <summary>
/// The NAIC bond designation structure of a factor set: six designations (1-6), or the twenty designation categories
/// reported since year-end 2021 (1.A-1.G, 2.A-2.C, 3.A-3.C, 4.A-4.C, 5.A-5.C, 6).
/// </summary>
public sealed record DesignationStructure(string Name, IReadOnlyList<string> Designations)
{
    public static readonly DesignationStructure Six = new("six", ["1", "2", "3", "4", "5", "6"]);

    public static readonly DesignationStructure Twenty = new("twenty",
    [
        "1.A", "1.B", "1.C", "1.D", "1.E", "1.F", "1.G", "2.A", "2.B", "2.C", "3.A", "3.B", "3.C",
        "4.A", "4.B", "4.C", "5.A", "5.B", "5.C", "6",
    ]);

    /// <summary>Exchange-traded derivatives carry no designation of their own.</summary>
    public const string ExchangeTraded = "ET";

    public static DesignationStructure? Named(string name) => name switch
    {
        "six" => Six,
        "twenty" => Twenty,
        _ => null,
    };

    public bool Contains(string designation) => designation == ExchangeTraded || Designations.Contains(designation);

    public string Describe() => Name == "six" ? "six designations (1-6)" : "twenty designation categories (1.A-1.G, 2.A-2.C, 3.A-3.C, 4.A-4.C, 5.A-5.C, 6)";
}
