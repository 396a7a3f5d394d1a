using System.CommandLine;
using Reserves.Exhibits;

namespace Reserves.Cli.Commands;

public static class AvrCommand
{
    public static Command Create()
    {
        var holdings = new Option<string>("--holdings")
        {
            Description = "Holdings CSV (see docs/file-formats.md)",
            Required = true
        };
        var year = new Option<int>("--statement-year")
        {
            Description = "Statement year (selects the factor set)",
            Required = true
        }.Within(1992, 2200);
        var factors = new Option<string?>("--factors") { Description = "AVR factor set JSON for the statement year (default: the set shipped for it)" };
        var eaf = new Option<decimal?>("--eaf") { Description = "Mortgage experience adjustment factor (default 1)" };
        var rollForward = new Option<string?>("--rollforward") { Description = "Roll-forward input JSON (prior reserve, gains, contributions)" };
        var output = new Option<string>("--out") { Description = "Output directory", Required = true };
        var server = CommonOptions.Server("AVR");
        var command = new Command("avr", "Compute the Asset Valuation Reserve: basic contribution, reserve objective, maximum reserve and roll-forward")
        {
            holdings, year, factors, eaf, rollForward, output, server,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var report = await AvrJob.RunAsync(parse.GetValue(holdings)!, parse.GetValue(year), parse.GetValue(factors), parse.GetValue(eaf),
                    parse.GetValue(rollForward), parse.GetValue(output)!, parse.GetValue(server), cancellationToken);

                Console.WriteLine($"AVR {report.StatementYear}: {report.DefaultComponent.Count + report.EquityComponent.Count} page lines written to {parse.GetValue(output)}");
                if (report.RollForward is { } roll)
                    Console.WriteLine($"reserve at year end (line 16): {Money.WholeDollars(roll[15].Total):N0}");
                return ExitCodes.Ok;
            }
            catch (Exception e)
            {
                return ExitCodes.Report(e, Console.Error);
            }
        });
        return command;
    }
}
