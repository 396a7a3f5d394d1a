using System.CommandLine;

namespace Reserves.Cli.Commands;

/// <summary>The `reserves` command line: every subcommand (the manifests' tests parse their arguments with it).</summary>
public static class ReservesCommand
{
    public static RootCommand Create() => new("reserves: statutory valuation of US life insurers (CRVM reserves, AVR, IMR, exhibits)")
    {
        DemoCommand.Create(),
        RunCommand.Create(),
        CrvmCommand.Create(),
        AvrCommand.Create(),
        ImrCommand.Create(),
        RateCommand.Create(),
        BenchCommand.Create(),
        LoadCommand.Create(),
        ServeCommand.Create(),
        DbCommand.Create(),
        HealthCommand.Create(),
        WorkerCommand.Create(),
    };
}
