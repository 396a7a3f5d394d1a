using System.CommandLine;
using Reserves.Cli.Commands;

var root = new RootCommand("reserves: statutory valuation of US life insurers (CRVM reserves, AVR, IMR, exhibits)")
{
    DemoCommand.Create(),
    RunCommand.Create(),
    CrvmCommand.Create(),
    AvrCommand.Create(),
    ImrCommand.Create(),
    RateCommand.Create(),
    BenchCommand.Create(),
    ServeCommand.Create(),
    DbCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
