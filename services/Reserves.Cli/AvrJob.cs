using Reserves.Exhibits.Avr;
using Reserves.Inputs;
using Reserves.Investments.Avr;

namespace Reserves.Cli;

/// <summary>
/// The AVR from files: holdings (and the roll-forward input) in, the two pages, the roll-forward and avr.json out,
/// in-process or through a server, written whole or not at all.
/// </summary>
public static class AvrJob
{
    public static async Task<AvrReport> RunAsync(string holdingsPath, int statementYear, string? factorsPath, decimal? eaf,
        string? rollForwardPath, string outDirectory, string? server, CancellationToken cancellationToken = default)
    {
        OutputTargets.Check([("--holdings", holdingsPath), ("--factors", factorsPath), ("--rollforward",
            rollForwardPath)], [],
            ("--out", outDirectory));
        var file = HoldingCsvReader.ReadFile(holdingsPath);
        var rollForward = rollForwardPath is null ? null : AvrRollForwardReader.ReadFile(rollForwardPath);
        AvrReport report;
        try
        {
            if (server is null)
            {
                var set = AvrFactorSetReader.ForYear(statementYear, factorsPath);
                var components = AvrCalculator.Compute(file.Records, set, eaf, file.Source);
                report = AvrReport.From(components, rollForward is null ? null : AvrRollForward.Compute(components, rollForward));
            }
            else
            {
                var json = factorsPath is null ? null : await File.ReadAllTextAsync(factorsPath, cancellationToken);
                report = await RemoteAvrClient.ComputeAsync(server, statementYear, json, eaf, file.Records, rollForward, cancellationToken);
            }
        }
        catch (InvalidInputException e)
        {
            throw new InvalidInputException(e.Errors.Select(error => error.RecordIndex is not null ? file.Locate(error)
                : error.Source == "request.factors.factor_set_json" ? error with { Source = Path.GetFileName(factorsPath!) }
                : error).ToList());
        }
        AvrReportWriter.WriteAll(outDirectory, report);
        return report;
    }
}
