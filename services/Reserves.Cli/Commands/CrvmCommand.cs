using System.CommandLine;

namespace Reserves.Cli.Commands;

public static class CrvmCommand
{
    public static Command Create()
    {
        var policies = new Option<string>("--policies")
        {
            Description = "Policies CSV (see docs/file-formats.md)",
            Required = true
        };
        var bases = new Option<string>("--bases") { Description = "Bases JSON", Required = true };
        var date = CommonOptions.Date("--valuation-date", "Valuation date, YYYY-MM-DD");
        var tables = CommonOptions.Tables();
        var output = new Option<string>("--out") { Description = "Per-policy results CSV to write", Required = true };
        var exhibit = new Option<string?>("--exhibit") { Description = "Life reserve exhibit CSV to write" };
        var server = CommonOptions.Server("CRVM");
        var command = new Command("crvm", "Value life reserves (CRVM, NLP, FPT) of an in-force file")
        {
            policies, bases, date, tables, output, exhibit, server,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var result = await CrvmJob.RunAsync(parse.GetValue(policies)!, parse.GetValue(bases)!, parse.GetValue(date),
                    RepositoryPaths.TableDirectory(parse.GetValue(tables)), parse.GetValue(output)!, parse.GetValue(exhibit),
                    parse.GetValue(server), cancellationToken);
                var total = result.Exhibit.Single(l => l.Line == "9999999").Amount;
                Console.WriteLine($"valued {result.Policies} policies; total life reserves {total:N0}");
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
