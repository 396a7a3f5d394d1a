using System.Collections.Concurrent;
using Reserves.Actuarial.Bases;
using Reserves.Inputs;
using Reserves.Actuarial.Policies;
using Reserves.Actuarial.Tables;
using System.Runtime.CompilerServices;

namespace Reserves.Actuarial.Reserves;

/// <summary>
/// Values a block of policies at a valuation date. Reserve factors are computed once per distinct (table, interest,
/// timing, method, issue age, plan shape) and shared across calls. Bad input refuses the whole block: an
/// <see cref="InvalidInputException"/> lists each problem with its policy index and field; a missing table or basis
/// mortality mapping raises <see cref="AssumptionMissingException"/>.
/// </summary>
public sealed class BlockValuation(TableLibrary tables)
{
    private const int ParallelThreshold = 20_000;
    private const int ChunkPolicies = 8_192;

    // Tables are compared by reference: one library loads each table once.
    private readonly record struct BasisKey(MortalityTable Table, double Interest, Timing Timing, ReserveMethod Method);

    private readonly record struct Resolved(ValuationBasis Basis, BasisFactors Factors);

    private readonly ConcurrentDictionary<BasisKey, BasisFactors> _factors = new();

    public TableLibrary Tables { get; } = tables;

    /// <param name="source">Names the input in error messages ("policies.csv", "request").</param>
    /// <param name="indexOffset">Added to the policy index in errors (for blocks that are batches of a stream).</param>
    public PolicyReserve[] Value(IReadOnlyList<Policy> policies, IReadOnlyDictionary<string, ValuationBasis> bases,
        DateOnly valuationDate, string source = "policies", int indexOffset = 0)
    {
        var results = new PolicyReserve[policies.Count];
        CheckAndValue(policies, bases, valuationDate, source, indexOffset, results);
        return results;
    }

    /// <summary>Checks a block as <see cref="Value"/> would, without valuing it (a run validates its inputs before it starts).</summary>
    public void Validate(IReadOnlyList<Policy> policies, IReadOnlyDictionary<string, ValuationBasis> bases, DateOnly valuationDate, string source = "policies") =>
        CheckAndValue(policies, bases, valuationDate, source, 0, results: null);

    // Checks every policy and, given somewhere to put them, values it in the same pass (results are meaningless
    // when the block is refused).
    private void CheckAndValue(IReadOnlyList<Policy> policies, IReadOnlyDictionary<string, ValuationBasis> bases,
        DateOnly valuationDate, string source, int indexOffset, PolicyReserve[]? results)
    {
        // Small ranges balance the cores when one of them is also collecting garbage or computing new factors.
        var chunks = policies.Count >= ParallelThreshold ? (policies.Count + ChunkPolicies - 1) / ChunkPolicies : 1;
        var size = (policies.Count + chunks - 1) / Math.Max(1, chunks);
        var found = new List<InputError>[chunks];

        // Checks and factor look-ups run in parallel over ranges; errors keep the order of the input. The hot paths of
        // valuing, reading and writing are compiled optimized at once: a run is over before tiered compilation would
        // have promoted them (docs/performance.md).
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Range(int chunk)
        {
            var from = chunk * size;
            var to = Math.Min(policies.Count, from + size);
            var mortality = new Dictionary<(string Basis, Sex Sex, RiskClass Class), Resolved>();
            var byInstance = new Dictionary<(string Basis, Sex Sex, RiskClass Class), Resolved>(SameInstance.Comparer);
            var errors = found[chunk] = [];
            void Add(int index, string field, string message)
            {
                if (errors.Count < InvalidInputException.MaxErrors)
                    errors.Add(new InputError(source, null, null, field, message, index + indexOffset, "policies"));
            }

            for (var i = from; i < to && errors.Count < InvalidInputException.MaxErrors; i++)
            {
                var p = policies[i];
                if (!PolicyRules.IsValid(p))
                {
                    foreach (var (field, message) in PolicyRules.Check(p)) Add(i, field, message);
                    continue;
                }
                // Most policies of a file share their basis string: the look-up by instance skips hashing the text.
                if (!byInstance.TryGetValue((p.BasisId, p.Sex, p.RiskClass), out var resolved))
                {
                    if (!mortality.TryGetValue((p.BasisId, p.Sex, p.RiskClass), out resolved))
                    {
                        if (!bases.TryGetValue(p.BasisId, out var found))
                        {
                            Add(i, "basis", $"unknown basis '{p.BasisId}' (the bases file defines {string.Join(", ", bases.Keys.Order(StringComparer.Ordinal))})");
                            continue;
                        }
                        var key = found.MortalityKey(p.Sex, p.RiskClass)
                            ?? throw new AssumptionMissingException($"basis {found.Id} mortality {p.Sex.Code()}",
                                $"basis {found.Id} has no mortality table for sex {p.Sex.Code()}{(p.RiskClass == RiskClass.Aggregate ? "" : $" class {p.RiskClass.Code()}")} (policy {p.PolicyId})");
                        var mortalityTable = Tables.Get(found.Mortality[key]);
                        var factorsKey = new BasisKey(mortalityTable, found.Interest, found.Timing, found.Method);
                        mortality[(p.BasisId, p.Sex, p.RiskClass)] = resolved = new Resolved(found,
                            _factors.GetOrAdd(factorsKey, static k => new BasisFactors(k.Table, k.Interest, k.Timing, k.Method)));
                    }
                    if (byInstance.Count < SameInstance.MostInstances) byInstance[(p.BasisId, p.Sex, p.RiskClass)] = resolved;
                }
                var (basis, basisFactors) = resolved;
                var table = basisFactors.Table;
                if (!table.AcceptsIssueAge(p.IssueAge))
                {
                    Add(i, "issue_age", $"issue age {p.IssueAge} is outside table {table.Reference} ({DescribeAges(table)})");
                    continue;
                }
                if (valuationDate < p.IssueDate)
                {
                    Add(i, "issue_date", $"issue date {p.IssueDate:yyyy-MM-dd} is after the valuation date {valuationDate:yyyy-MM-dd}");
                    continue;
                }
                var q = table.PolicyYearRates(p.IssueAge);
                if (PlanShape.For(p, q.Length, out var shapeField, out var problem) is not { } shape)
                {
                    Add(i, shapeField, problem);
                    continue;
                }
                var at = PolicyYear.At(p.IssueDate, valuationDate);
                if (at.Year > shape.BenefitYears + 1 || (at.Year == shape.BenefitYears + 1 && at.ElapsedFraction > 0))
                {
                    Add(i, "issue_date", $"the policy left the books after {shape.BenefitYears} years (the valuation date falls in policy year {at.Year})");
                    continue;
                }
                if (results is null || errors.Count > 0) continue;
                results[i] = PolicyReserveCalculator.Value(p, basisFactors.Get(p.IssueAge, shape), basis.Reserve, at);
            }
        }

        try
        {
            if (chunks == 1) Range(0);
            else Parallel.For(0, chunks, Range);
        }
        catch (AggregateException e)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        var all = found.Where(f => f is not null).SelectMany(f => f).Take(InvalidInputException.MaxErrors).ToList();
        if (all.Count > 0) throw new InvalidInputException(all);
    }

    /// <summary>
    /// The reserve factors of one mortality table at one basis's rate, timing and method, by issue age and plan shape,
    /// each computed once; the 19-pay cap of an issue age is shared by all its plans.
    /// </summary>
    private sealed class BasisFactors(MortalityTable table, double interest, Timing timing, ReserveMethod method)
    {
        public MortalityTable Table => table;

        // Shapes of an issue age in a small array replaced whole on every addition (readers take no lock); past
        // MostShapesPerAge the rest of that age's shapes go to the dictionary.
        private const int MostShapesPerAge = 32;
        private readonly (PlanShape Shape, ReserveFactors Factors)[]?[] _byAge = new (PlanShape, ReserveFactors)[]?[table.MaxAge + 1];
        private readonly ConcurrentDictionary<(int IssueAge, PlanShape Shape), ReserveFactors> _overflow = new();
        // -1 until computed (a premium is never negative); a race computes the same double twice.
        private readonly double[] _nineteenPay = Enumerable.Repeat(-1.0, table.MaxAge + 1).ToArray();

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public ReserveFactors Get(int issueAge, PlanShape shape) =>
            Find(Volatile.Read(ref _byAge[issueAge]), shape) ?? Add(issueAge, shape);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static ReserveFactors? Find((PlanShape Shape, ReserveFactors Factors)[]? shapes, PlanShape shape)
        {
            if (shapes is null) return null;
            foreach (var (known, factors) in shapes)
                if (known == shape) return factors;
            return null;
        }

        private ReserveFactors Add(int issueAge, PlanShape shape)
        {
            while (true)
            {
                var shapes = Volatile.Read(ref _byAge[issueAge]);
                if (Find(shapes, shape) is { } found) return found;
                if (shapes is { Length: >= MostShapesPerAge })
                    return _overflow.GetOrAdd((issueAge, shape), static (k, self) => self.Compute(k.IssueAge, k.Shape), this);
                var computed = Compute(issueAge, shape);
                (PlanShape, ReserveFactors)[] grown = shapes is null ? [(shape, computed)] : [.. shapes, (shape, computed)];
                if (Interlocked.CompareExchange(ref _byAge[issueAge], grown, shapes) == shapes) return computed;
            }
        }

        private ReserveFactors Compute(int issueAge, PlanShape shape)
        {
            var q = table.PolicyYearRates(issueAge);
            var nineteenPay = _nineteenPay[issueAge];
            if (nineteenPay < 0) _nineteenPay[issueAge] = nineteenPay = ReserveFactorCalculator.NineteenPayPremium(q, interest, timing);
            return ReserveFactorCalculator.Compute(q, interest, timing, method, shape, nineteenPay);
        }
    }

    // Basis strings compared by instance, for the look-up before the one by text; a stream whose every policy has its
    // own string stops adding after a few thousand.
    private sealed class SameInstance : IEqualityComparer<(string Basis, Sex Sex, RiskClass Class)>
    {
        public const int MostInstances = 4_096;
        public static readonly SameInstance Comparer = new();

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool Equals((string Basis, Sex Sex, RiskClass Class) a, (string Basis, Sex Sex, RiskClass Class) b) =>
            ReferenceEquals(a.Basis, b.Basis) && a.Sex == b.Sex && a.Class == b.Class;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public int GetHashCode((string Basis, Sex Sex, RiskClass Class) key) =>
            System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Basis) * 31 + (int)key.Sex * 4 + (int)key.Class;
    }

    private static string DescribeAges(MortalityTable t) =>
        t.IsSelect ? $"select issue ages {t.MinSelectAge}-{t.MaxSelectAge}, ultimate ages {t.MinAge}-{t.MaxAge}" : $"ages {t.MinAge}-{t.MaxAge}";
}
