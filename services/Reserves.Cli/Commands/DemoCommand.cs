using System.CommandLine;

namespace Reserves.Cli.Commands;

public static class DemoCommand
{
    public const string ValuationDate = "2012-12-31";

    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Output directory", DefaultValueFactory = _ => "out" };
        var tables = CommonOptions.Tables();
        var command = new Command("demo", $"Value the bundled samples at {ValuationDate} and write the results to ./out") { output, tables };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var samples = RepositoryPaths.Samples();
                var dir = parse.GetValue(output)!;
                var result = await CrvmJob.RunAsync(Path.Combine(samples, "policies.csv"), Path.Combine(samples, "bases.json"),
                    DateOnly.Parse(ValuationDate), RepositoryPaths.TableDirectory(parse.GetValue(tables)),
                    Path.Combine(dir, "crvm-reserves.csv"), Path.Combine(dir, "life-reserve-exhibit.csv"), null, cancellationToken);
                Console.WriteLine($"valued {result.Policies} sample policies at {ValuationDate}");
                foreach (var line in result.Exhibit) Console.WriteLine($"  {line.Line}  {line.Description,-60} {line.Amount,16:N0}");
                Console.WriteLine($"wrote {Path.Combine(dir, "crvm-reserves.csv")} and {Path.Combine(dir, "life-reserve-exhibit.csv")}");
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
