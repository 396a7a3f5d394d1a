using System.Globalization;
using System.Text;
using Reserves.Actuarial.Bases;
using Reserves.Actuarial.Policies;
using Reserves.Actuarial.Tables;
using Reserves.Investments.Avr;
using Reserves.Investments.Imr;

namespace Reserves.Bench;

/// <summary>
/// A reproducible synthetic book for benchmarks: mixed plans (WL, LP, TERM, END) on twelve bases (1958, 1980 and
/// 2001 CSO at 3% to 6%, CRVM and NLP, curtate and semi-continuous), issue ages 0-80, durations 1-60, valued at
/// 2012-12-31 (the statement year of the shipped AVR factors); holdings across the AVR lines; 2012 disposals. The same
/// seed gives the same book. Every policy is valid on its basis's tables.
/// </summary>
public sealed class SyntheticBook
{
    public static readonly DateOnly ValuationDate = new(2012, 12, 31);

    public required IReadOnlyList<ValuationBasis> Bases { get; init; }
    public required IReadOnlyList<Policy> Policies { get; init; }
    public required IReadOnlyList<Holding> Holdings { get; init; }
    public required IReadOnlyList<Disposal> Disposals { get; init; }

    private static readonly (string Family, Dictionary<string, string> Mortality)[] Families =
    [
        ("58 CSO", new() { ["M"] = "csv:1958-cso.csv#cso-male-anb", ["F"] = "csv:1958-cso.csv#cso-female-anb" }),
        ("80 CSO", new() { ["M"] = "soa:42", ["F"] = "soa:36", ["M-NS"] = "soa:44", ["M-SM"] = "soa:46", ["F-NS"] = "soa:38", ["F-SM"] = "soa:40" }),
        ("01 CSO", new() { ["M"] = "soa:1136", ["F"] = "soa:1139", ["M-NS"] = "soa:1137", ["M-SM"] = "soa:1138", ["F-NS"] = "soa:1140", ["F-SM"] = "soa:1141" }),
    ];

    public static IReadOnlyList<ValuationBasis> SyntheticBases()
    {
        var bases = new List<ValuationBasis>();
        foreach (var (family, mortality) in Families)
        {
            foreach (var rate in new[] { 0.03, 0.04, 0.05, 0.06 })
            {
                var method = rate == 0.03 ? ReserveMethod.Nlp : ReserveMethod.Crvm;
                var timing = rate == 0.05 ? Timing.SemiContinuous : Timing.Curtate;
                var id = $"{family.Replace(" ", "")}-{rate * 100:0}-{(method == ReserveMethod.Nlp ? "NLP" : "CRVM")}";
                bases.Add(new ValuationBasis(id, $"{family} {rate * 100:0.00}% {ValuationBasis.MethodName(method)}", method, rate, timing,
                    rate == 0.06 ? ReserveConvention.MidTerminal : ReserveConvention.Mean,
                    mortality.ToDictionary(m => m.Key, m => TableReference.TryParse(m.Value, out var r, out _) ? r : throw new InvalidOperationException(m.Value))));
            }
        }
        return bases;
    }

    public static SyntheticBook Generate(int policies, int seed, TableLibrary tables, int holdings = 1_000, int disposals = 200)
    {
        var random = new Random(seed);
        var bases = SyntheticBases();
        var list = new List<Policy>(policies);
        while (list.Count < policies)
        {
            var basis = bases[random.Next(bases.Count)];
            var sex = random.Next(2) == 0 ? Sex.Male : Sex.Female;
            var age = random.Next(0, 81);
            var riskClass = basis.Mortality.Count > 2 && age >= 20 ? (RiskClass)random.Next(3) : RiskClass.Aggregate;
            var table = tables.Get(basis.Mortality[basis.MortalityKey(sex, riskClass)!]);
            if (!table.AcceptsIssueAge(age)) continue;
            var left = table.MaxAge - age + 1;
            var duration = random.Next(1, Math.Min(60, left - 1) + 1);
            if (duration < 1) continue;
            var draw = random.Next(100);
            Plan plan;
            int? premiumYears = null, benefitYears = null;
            if (draw < 25) { plan = Plan.Term; benefitYears = Pick(random, [10, 20, 30], duration, left); }
            else if (draw < 40) { plan = Plan.Endowment; benefitYears = Pick(random, [20, 30, 40], duration, left); }
            else if (draw < 60) { plan = Plan.LimitedPay; premiumYears = Math.Min(random.Next(2) == 0 ? 10 : 20, left); }
            else plan = Plan.WholeLife;
            if (plan is Plan.Term or Plan.Endowment && benefitYears is null) plan = Plan.WholeLife;
            var issue = ValuationDate.AddYears(-(duration - 1)).AddDays(-random.Next(1, 365));
            if (PolicyYear(issue) != duration) continue;
            var face = 10_000 * random.Next(1, 101);
            var gross = Math.Round(face * (0.004 + 0.0005 * age) * (0.8 + 0.7 * random.NextDouble()), 2);
            list.Add(new Policy($"B{list.Count + 1:D8}", plan, issue, age, sex, riskClass, face, gross, premiumYears, benefitYears, basis.Id));
        }
        return new SyntheticBook { Bases = bases, Policies = list, Holdings = MakeHoldings(random, holdings), Disposals = MakeDisposals(random, disposals) };
    }

    private static int PolicyYear(DateOnly issue) => Actuarial.Reserves.PolicyYear.At(issue, ValuationDate).Year;

    private static int? Pick(Random random, int[] choices, int duration, int left)
    {
        var fits = choices.Where(n => n >= duration && n <= left).ToList();
        return fits.Count == 0 ? null : fits[random.Next(fits.Count)];
    }

    private static List<Holding> MakeHoldings(Random random, int count)
    {
        var list = new List<Holding>(count);
        string[] mortgageTypes = ["farm", "residential_insured", "residential_other", "commercial_insured", "commercial_other"];
        string[] statuses = ["good_standing", "good_standing", "good_standing", "restructured", "overdue", "foreclosure"];
        for (var i = 0; i < count; i++)
        {
            var bacv = Math.Round((decimal)(random.NextDouble() * 5_000_000 + 10_000), 2);
            var id = $"H{i + 1:D7}";
            list.Add((i % 10) switch
            {
                0 => new Holding(id, AssetType.Bond, "", true, "", "", bacv, 0, 0),
                < 6 => new Holding(id, AssetType.Bond, $"{random.Next(1, 7)}", false, "", "", bacv, 0, 0),
                6 => new Holding(id, AssetType.PreferredStock, $"{random.Next(1, 7)}", false, "", "", bacv, 0, 0),
                7 => new Holding(id, AssetType.ShortTermBond, $"{random.Next(1, 4)}", false, "", "", bacv, 0, 0),
                8 => new Holding(id, random.Next(5) == 0 ? AssetType.ScheduleDaMortgage : AssetType.MortgageLoan, "", false,
                    mortgageTypes[random.Next(mortgageTypes.Length)], statuses[random.Next(statuses.Length)], bacv, 0, 0),
                _ => new Holding(id, AssetType.Derivative, random.Next(4) == 0 ? "ET" : $"{random.Next(1, 4)}", false, "", "", bacv / 100, 0, 0),
            });
        }
        return list;
    }

    private static List<Disposal> MakeDisposals(Random random, int count)
    {
        var list = new List<Disposal>(count);
        for (var i = 0; i < count; i++)
        {
            var sold = new DateOnly(2012, 1, 1).AddDays(random.Next(0, 365));
            var acquired = random.Next(1, 5);
            var disposed = Math.Clamp(acquired + random.Next(-1, 3), 1, 6);
            var par = 100_000m * random.Next(1, 50);
            var book = Math.Round(par * (decimal)(0.9 + 0.2 * random.NextDouble()), 2);
            var proceeds = Math.Round(par * (decimal)(0.85 + 0.3 * random.NextDouble()), 2);
            var kind = random.Next(10);
            list.Add(kind switch
            {
                < 7 => new Disposal($"D{i + 1:D6}", DisposalAssetType.Bond, sold, sold.AddYears(-random.Next(1, 10)), $"{acquired}", $"{disposed}", false,
                    par, book, proceeds, Math.Round((decimal)(0.02 + 0.05 * random.NextDouble()), 4), 2, sold.AddYears(random.Next(1, 30)).AddDays(random.Next(1, 300)),
                    0.35m, 0, false, false, null),
                7 => new Disposal($"D{i + 1:D6}", DisposalAssetType.MortgageLoan, sold, sold.AddYears(-3), "", "", false, par, book, proceeds, 0.05m, 12,
                    sold.AddYears(random.Next(2, 15)), 0.35m, random.Next(0, 150), false, false, null),
                8 => new Disposal($"D{i + 1:D6}", DisposalAssetType.CommonStock, sold, sold.AddYears(-2), "", "", false, 0, book, proceeds, null, null, null,
                    0.35m, 0, false, false, null),
                _ => new Disposal($"D{i + 1:D6}", DisposalAssetType.PreferredStock, sold, sold.AddYears(-4), "2", "2", false, par, book, proceeds, 0.06m, 4,
                    null, 0.35m, 0, false, false, null),
            });
        }
        return list;
    }

    /// <summary>Writes the book as the input files a run takes (policies, bases, holdings, disposals, prior IMR and AVR).</summary>
    public void WriteInputs(string directory)
    {
        Directory.CreateDirectory(directory);
        var inv = CultureInfo.InvariantCulture;
        using (var w = new StreamWriter(Path.Combine(directory, "policies.csv"), false, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            w.WriteLine(string.Join(',', PolicyCsvReader.RequiredColumns));
            foreach (var p in Policies)
                w.WriteLine(string.Create(inv, $"{p.PolicyId},{p.Plan.Code()},{p.IssueDate:yyyy-MM-dd},{p.IssueAge},{p.Sex.Code()},{p.RiskClass.Code()},{p.FaceAmount},{p.GrossPremium},{p.PremiumYears},{p.BenefitYears},{p.BasisId}"));
        }
        File.WriteAllText(Path.Combine(directory, "bases.json"), BasesJson());
        using (var w = new StreamWriter(Path.Combine(directory, "holdings.csv"), false, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            w.WriteLine(string.Join(',', HoldingCsvReader.RequiredColumns));
            foreach (var h in Holdings)
                w.WriteLine(string.Create(inv, $"{h.AssetId},{h.AssetType.Code()},{h.Designation},{(h.Exempt ? "true" : "false")},{h.MortgageType},{h.MortgageStatus},{h.Bacv},{h.RelatedPartyEncumbrances},{h.ThirdPartyEncumbrances}"));
        }
        using (var w = new StreamWriter(Path.Combine(directory, "disposals.csv"), false, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            w.WriteLine(string.Join(',', DisposalCsvReader.RequiredColumns));
            foreach (var d in Disposals)
                w.WriteLine(string.Create(inv, $"{d.DisposalId},{d.AssetType.Code()},{d.DisposalDate:yyyy-MM-dd},{d.AcquisitionDate:yyyy-MM-dd},{d.AcquisitionDesignation},{d.DisposalDesignation},{(d.EverNaic6 ? "true" : "false")},{d.Par},{d.BookValue},{d.Proceeds},{d.CouponRate},{d.CouponFrequency},{d.MaturityDate:yyyy-MM-dd},{d.TaxRate},{d.DaysPastDue},false,false,"));
        }
        File.WriteAllText(Path.Combine(directory, "imr-prior.csv"), "year,amount\n" + string.Join("", Enumerable.Range(0, 30).Select(k => string.Create(inv, $"{2012 + k},{250_000 - 8_000 * k}.00\n"))));
        File.WriteAllText(Path.Combine(directory, "avr-rollforward.json"), """{ "default_other": { "prior_reserve": 2500000 }, "default_mortgage": { "prior_reserve": 150000 } }""");
    }

    private string BasesJson()
    {
        var inv = CultureInfo.InvariantCulture;
        return "[\n" + string.Join(",\n", Bases.Select(b =>
            $$"""  { "id": "{{b.Id}}", "label": "{{b.Label}}", "method": "{{ValuationBasis.MethodName(b.Method)}}", "interest": {{b.Interest.ToString(inv)}}, "timing": "{{(b.Timing == Timing.Curtate ? "curtate" : "semicontinuous")}}", "reserve": "{{(b.Reserve == ReserveConvention.Mean ? "mean" : "midterminal")}}", "mortality": { {{string.Join(", ", b.Mortality.Select(m => $"\"{m.Key}\": \"{m.Value.Text}\""))}} } }""")) + "\n]\n";
    }
}
