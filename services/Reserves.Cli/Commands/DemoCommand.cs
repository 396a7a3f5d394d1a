using System.CommandLine;
using Reserves.Contracts.Valuation.V1;

namespace Reserves.Cli.Commands;

public static class DemoCommand
{
    public const string ValuationDate = "2012-12-31";
    public const string Company = "Demo Life Insurance Company";

    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Output directory", DefaultValueFactory = _ => "out" };
        var state = new Option<string>("--state") { Description = "State directory of the embedded default", DefaultValueFactory = _ => RunCommand.DefaultStateDirectory };
        var tables = CommonOptions.Tables();
        var command = new Command("demo", $"Run a full quarter-end on the bundled samples (valuation date {ValuationDate}) and write the exhibit set to ./out")
        {
            output, state, tables,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var samples = RepositoryPaths.Samples();
                string S(string name) => Path.Combine(samples, name);
                var input = new RunJobInput(Company, DateOnly.Parse(ValuationDate), null, S("policies.csv"), S("bases.json"), S("holdings.csv"),
                    S("disposals.csv"), S("avr-rollforward.json"), S("imr-prior.csv"), null, S("imr-liability-gains.csv"), null,
                    new RunOptions { ShardSize = 500 });
                var target = new RunTarget(null, true, parse.GetValue(state)!, RepositoryPaths.TableDirectory(parse.GetValue(tables)), false);
                return await RunJob.RunAsync(input, target, parse.GetValue(output)!, Console.Out, Console.Error, cancellationToken);
            }
            catch (Exception e)
            {
                return ExitCodes.Report(e, Console.Error);
            }
        });
        return command;
    }
}
