using Reserves.ServiceHosting;
using System.CommandLine;

namespace Reserves.Cli.Commands;

/// <summary>`reserves worker`: what each pod of the batch fan-out Indexed Job runs.</summary>
public static class WorkerCommand
{
    public static Command Create()
    {
        var server = new Option<string>("--server") { Description = "Front door (ValuationService) of the cluster running the run", Required = true };
        var company = new Option<string>("--company") { Description = "Company of the run", Required = true };
        var date = CommonOptions.Date("--valuation-date", "Valuation date of the run, YYYY-MM-DD");
        var runId = new Option<string>("--run-id") { Description = "Run id (the run was started with --external-shards)", Required = true };
        var policies = new Option<string>("--policies") { Description = "The run's policies CSV (the same file: its SHA-256 is checked)", Required = true };
        var bases = new Option<string>("--bases") { Description = "The run's bases JSON (the same file)", Required = true };
        var index = new Option<int>("--shard-index")
        {
            Description = "This worker's shard, from 0 (in an Indexed "
            + "Job: $JOB_COMPLETION_INDEX)",
            Required = true
        }.Within(0, Orchestrator.Front.RunPlanner.MaxExternalShards - 1);
        var count = new Option<int>("--shard-count")
        {
            Description = "Number of shards (the run's --external-shards)",
            Required = true
        }.Within(1, Orchestrator.Front.RunPlanner.MaxExternalShards);
        var tables = CommonOptions.Tables();
        var secret = new Option<string>("--shard-secret-file")
        {
            Description = $"The run's shard secret, as `reserves run --shard-secret-file` wrote it (env "
                + $"{EnvironmentNames.ShardSecretFile})",
            Required = EnvironmentNames.Read(EnvironmentNames.ShardSecretFile) is null,
            DefaultValueFactory = _ => EnvironmentNames.Read(EnvironmentNames.ShardSecretFile)!,
        };
        var command = new Command("worker", "Value one shard of a run's in-force file and hand its sums to the run (batch fan-out)")
        {
            server, company, date, runId, policies, bases, index, count, tables, secret,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var shard = new WorkerShard(parse.GetValue(server)!, parse.GetValue(company)!, parse.GetValue(date), parse.GetValue(runId)!,
                parse.GetValue(policies)!, parse.GetValue(bases)!, parse.GetValue(index), parse.GetValue(count),
                RepositoryPaths.TableDirectory(parse.GetValue(tables)),
                parse.GetValue(secret)!);
            try
            {
                return await WorkerJob.RunAsync(shard, Console.Out, cancellationToken);
            }
            catch (Exception e)
            {
                return ExitCodes.Report(e is Grpc.Core.RpcException rpc ? GrpcErrors.FromStatus(rpc) : e, Console.Error);
            }
        });
        return command;
    }
}
