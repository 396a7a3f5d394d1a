namespace Reserves.Orchestrator.Grains;

/// <summary>The list of runs with the totals of the finished ones, for ListRuns and the prior-quarter comparison.</summary>
public sealed class RunRegistryGrain(
    [PersistentState("registry", OrchestratorHost.StorageName)] IPersistentState<RegistryState> state) : Grain, IRunRegistryGrain
{
    public const string Key = "all";

    public async Task Record(RunEntry entry)
    {
        state.State.Runs[$"{entry.Company}/{entry.ValuationDate}/{entry.RunId}"] = entry;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<RunEntry>> List(string company) =>
        Task.FromResult<IReadOnlyList<RunEntry>>(state.State.Runs.Values
            .Where(r => company.Length == 0 || r.Company == company)
            .OrderBy(r => r.Company, StringComparer.Ordinal).ThenBy(r => r.ValuationDate, StringComparer.Ordinal).ThenBy(r => r.RunId, StringComparer.Ordinal)
            .ToList());

    public Task<RunEntry?> PriorDone(string company, string valuationDate) =>
        Task.FromResult(state.State.Runs.Values
            .Where(r => r.Company == company && r.Status == Statuses.Done && string.CompareOrdinal(r.ValuationDate, valuationDate) < 0 && r.TotalsJson is not null)
            .OrderBy(r => r.ValuationDate, StringComparer.Ordinal).ThenBy(r => r.FinishedAt, StringComparer.Ordinal)
            .LastOrDefault());
}
