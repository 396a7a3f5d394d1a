using Reserves.Actuarial.Bases;
using Reserves.Inputs;
using Reserves.Actuarial.Policies;
using Reserves.Actuarial.Reserves;
using Reserves.Actuarial.Tables;
using Reserves.Exhibits;

namespace Reserves.Cli;

/// <summary>What one CRVM valuation from files produced.</summary>
public sealed record CrvmJobResult(int Policies, IReadOnlyList<ExhibitLine> Exhibit);

/// <summary>
/// The CRVM valuation of files: read the bases and policies, value in-process or through a server, write the
/// per-policy results and the exhibit whole or not at all. Errors found while valuing point at the policies file.
/// </summary>
public static class CrvmJob
{
    public static async Task<CrvmJobResult> RunAsync(string policiesPath, string basesPath, DateOnly valuationDate,
        string? tableDirectory, string outPath, string? exhibitPath, string? server, CancellationToken cancellationToken = default)
    {
        OutputTargets.Check([("--policies", policiesPath), ("--bases", basesPath)], [("--out", outPath), ("--exhibit",
            exhibitPath)]);
        var bases = BasesJsonReader.ReadFile(basesPath);
        var file = PolicyCsvReader.ReadFile(policiesPath);
        PolicyReserve[] reserves;
        try
        {
            reserves = server is null
                ? new BlockValuation(new TableLibrary(tableDirectory)).Value(file.Records, bases.ToDictionary(b => b.Id), valuationDate, file.Source)
                : await RemoteCrvmClient.ValueAsync(server, bases, file.Records, valuationDate, cancellationToken);
        }
        catch (InvalidInputException e)
        {
            throw new InvalidInputException(e.Errors.Select(file.Locate).ToList());
        }

        var exhibit = LifeReserveExhibit.Build(bases, reserves);
        var outputs = new List<(string, Action<Stream>?)> { (outPath, s => CsvOutput.WritePolicyReserves(s, reserves)) };
        if (exhibitPath is not null) outputs.Add((exhibitPath, s => CsvOutput.WriteExhibit(s, exhibit)));
        AtomicFile.WriteAll(outputs.ToArray());
        return new CrvmJobResult(reserves.Length, exhibit);
    }
}
