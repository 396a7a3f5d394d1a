using System.Collections.Concurrent;
using Reserves.Actuarial.Bases;
using Reserves.Inputs;
using Reserves.Actuarial.Policies;
using Reserves.Actuarial.Tables;

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

    // Tables are compared by reference: one library loads each table once.
    private readonly record struct FactorKey(MortalityTable Table, double Interest, Timing Timing, ReserveMethod Method, int IssueAge, PlanShape Shape);

    private readonly record struct Planned(ReserveFactors Factors, ReserveConvention Convention, PolicyYear At);

    private readonly ConcurrentDictionary<FactorKey, ReserveFactors> _factors = new();

    public TableLibrary Tables { get; } = tables;

    /// <param name="source">Names the input in error messages ("policies.csv", "request").</param>
    /// <param name="indexOffset">Added to the policy index in errors (for blocks that are batches of a stream).</param>
    public PolicyReserve[] Value(IReadOnlyList<Policy> policies, IReadOnlyDictionary<string, ValuationBasis> bases,
        DateOnly valuationDate, string source = "policies", int indexOffset = 0)
    {
        var plans = Prepare(policies, bases, valuationDate, source, indexOffset, computeFactors: true);
        var results = new PolicyReserve[policies.Count];
        void ValueOne(int i)
        {
            var plan = plans[i];
            results[i] = PolicyReserveCalculator.Value(policies[i], plan.Factors, plan.Convention, plan.At);
        }
        if (policies.Count >= ParallelThreshold) Parallel.For(0, policies.Count, ValueOne);
        else for (var i = 0; i < policies.Count; i++) ValueOne(i);
        return results;
    }

    /// <summary>Checks a block as <see cref="Value"/> would, without valuing it (a run validates its inputs before it starts).</summary>
    public void Validate(IReadOnlyList<Policy> policies, IReadOnlyDictionary<string, ValuationBasis> bases, DateOnly valuationDate, string source = "policies") =>
        Prepare(policies, bases, valuationDate, source, 0, computeFactors: false);

    private Planned[] Prepare(IReadOnlyList<Policy> policies, IReadOnlyDictionary<string, ValuationBasis> bases,
        DateOnly valuationDate, string source, int indexOffset, bool computeFactors)
    {
        var plans = new Planned[policies.Count];
        var chunks = policies.Count >= ParallelThreshold ? Environment.ProcessorCount * 4 : 1;
        var size = (policies.Count + chunks - 1) / Math.Max(1, chunks);
        var found = new List<InputError>[chunks];

        // Checks and factor look-ups run in parallel over ranges; errors keep the order of the input.
        void Range(int chunk)
        {
            var from = chunk * size;
            var to = Math.Min(policies.Count, from + size);
            var mortality = new Dictionary<(string Basis, Sex Sex, RiskClass Class), (ValuationBasis Basis, MortalityTable Table)>();
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
                if (!mortality.TryGetValue((p.BasisId, p.Sex, p.RiskClass), out var resolved))
                {
                    if (!bases.TryGetValue(p.BasisId, out var found))
                    {
                        Add(i, "basis", $"unknown basis '{p.BasisId}' (the bases file defines {string.Join(", ", bases.Keys.Order(StringComparer.Ordinal))})");
                        continue;
                    }
                    var key = found.MortalityKey(p.Sex, p.RiskClass)
                        ?? throw new AssumptionMissingException($"basis {found.Id} mortality {p.Sex.Code()}",
                            $"basis {found.Id} has no mortality table for sex {p.Sex.Code()}{(p.RiskClass == RiskClass.Aggregate ? "" : $" class {p.RiskClass.Code()}")} (policy {p.PolicyId})");
                    mortality[(p.BasisId, p.Sex, p.RiskClass)] = resolved = (found, Tables.Get(found.Mortality[key]));
                }
                var (basis, table) = resolved;
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
                if (!computeFactors) continue;
                var factors = _factors.GetOrAdd(new FactorKey(table, basis.Interest, basis.Timing, basis.Method, p.IssueAge, shape),
                    k => ReserveFactorCalculator.Compute(k.Table.PolicyYearRates(k.IssueAge), k.Interest, k.Timing, k.Method, k.Shape));
                plans[i] = new Planned(factors, basis.Reserve, at);
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
        return plans;
    }

    private static string DescribeAges(MortalityTable t) =>
        t.IsSelect ? $"select issue ages {t.MinSelectAge}-{t.MaxSelectAge}, ultimate ages {t.MinAge}-{t.MaxAge}" : $"ages {t.MinAge}-{t.MaxAge}";
}
