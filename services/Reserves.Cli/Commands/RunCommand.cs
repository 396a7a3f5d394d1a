using System.CommandLine;
using Reserves.Contracts.Valuation.V1;

namespace Reserves.Cli.Commands;

public static class RunCommand
{
    public const string DefaultStateDirectory = ".reserves";

    public static Command Create()
    {
        var company = new Option<string>("--company") { Description = "Company name", Required = true };
        var date = CommonOptions.Date("--valuation-date", "Valuation date, YYYY-MM-DD");
        var runId = new Option<string?>("--run-id") { Description = "Run id (default: derived from the inputs, so the same inputs give the same run)" };
        var policies = new Option<string>("--policies") { Description = "Policies CSV", Required = true };
        var bases = new Option<string>("--bases") { Description = "Bases JSON", Required = true };
        var holdings = new Option<string>("--holdings") { Description = "Holdings CSV (AVR)", Required = true };
        var disposals = new Option<string>("--disposals") { Description = "Disposals CSV (IMR)", Required = true };
        var priorAvr = new Option<string?>("--prior-avr") { Description = "AVR roll-forward input JSON (prior reserves and other lines)" };
        var priorImr = new Option<string?>("--prior-imr") { Description = "IMR carry-forward CSV (year,amount)" };
        var factors = new Option<string?>("--factors") { Description = "AVR factor set JSON for the statement year" };
        var liability = new Option<string?>("--liability-gains") { Description = "IMR liability gains CSV (year,amount)" };
        var grouped = new Option<string?>("--grouped-table") { Description = "IMR grouped amortization table CSV" };
        var shardSize = new Option<int>("--shard-size")
        {
            Description = "Policies per life segment shard",
            DefaultValueFactory = _ => 50_000
        }.Within(1, Orchestrator.Front.RunPlanner.MaxShardSize);
        var externalShards = new Option<int>("--external-shards")
        {
            Description = "Value the policies outside the cluster in this many shards (`reserves worker` pods of the fan-out Job); the run waits for them",
        }.Within(0, Orchestrator.Front.RunPlanner.MaxExternalShards);
        var shardSecret = new Option<string?>("--shard-secret-file")
        {
            Description = "With --external-shards: the run's shard secret, written here (owner-only) when the file "
                + "does not exist; give it to the workers as a Kubernetes Secret",
        };
        var eaf = new Option<string?>("--eaf") { Description = "Mortgage experience adjustment factor" };
        var taxRate = new Option<string?>("--tax-rate") { Description = "Tax rate for disposals without their own (decimal)" };
        var imrMethod = new Option<string>("--imr-method") { Description = "seriatim or grouped", DefaultValueFactory = _ => "seriatim" };
        imrMethod.AcceptOnlyFromAmong("seriatim", "grouped");
        var output = new Option<string>("--out") { Description = "Output directory for the exhibit set", Required = true };
        var server = new Option<string?>("--server") { Description = "Front door (ValuationService) of a cluster, http://host:port" };
        var embedded = new Option<bool>("--embedded") { Description = "Start the embedded default in this process (silo, SQLite state, calculators on loopback)" };
        var state = new Option<string>("--state") { Description = "State directory of the embedded default", DefaultValueFactory = _ => DefaultStateDirectory };
        var tables = CommonOptions.Tables();
        var upload = new Option<bool>("--upload") { Description = "Upload the input files to the server instead of passing their paths" };
        var command = new Command("run", "Run a quarter-end valuation (life reserves, AVR, IMR) and write the statutory exhibit set")
        {
            company, date, runId, policies, bases, holdings, disposals, priorAvr, priorImr, factors, liability, grouped,
            shardSize, externalShards, shardSecret, eaf, taxRate, imrMethod,
            output, server, embedded, state, tables, upload,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(server) is null == !parse.GetValue(embedded))
            {
                Console.Error.WriteLine("error: give exactly one of --server URL and --embedded");
                return ExitCodes.BadInput;
            }
            var input = new RunJobInput(parse.GetValue(company)!, parse.GetValue(date), parse.GetValue(runId), parse.GetValue(policies)!, parse.GetValue(bases)!,
                parse.GetValue(holdings)!, parse.GetValue(disposals)!, parse.GetValue(priorAvr), parse.GetValue(priorImr), parse.GetValue(factors),
                parse.GetValue(liability), parse.GetValue(grouped),
                new RunOptions
                {
                    ShardSize = parse.GetValue(shardSize),
                    ExternalShards = parse.GetValue(externalShards),
                    Eaf = parse.GetValue(eaf) ?? "",
                    TaxRate = parse.GetValue(taxRate)
                        ?? "",
                    ImrMethod = parse.GetValue(imrMethod)!
                },
                parse.GetValue(shardSecret));
            var target = new RunTarget(parse.GetValue(server), parse.GetValue(embedded), parse.GetValue(state)!,
                RepositoryPaths.TableDirectory(parse.GetValue(tables)), parse.GetValue(upload));
            try
            {
                return await RunJob.RunAsync(input, target, parse.GetValue(output)!, Console.Out, Console.Error, cancellationToken);
            }
            catch (Exception e)
            {
                return ExitCodes.Report(e is Grpc.Core.RpcException rpc ? GrpcErrors.FromStatus(rpc) : e, Console.Error);
            }
        });
        return command;
    }
}
