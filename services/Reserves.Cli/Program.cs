using Reserves.Cli;
using Reserves.Cli.Commands;

var parse = ReservesCommand.Create().Parse(args);
if (parse.Errors.Count > 0)
{
    // A command line that does not parse is bad input: exit 2, as for a bad file (System.CommandLine's own is 1).
    foreach (var error in parse.Errors) Console.Error.WriteLine($"error: {error.Message}");
    Console.Error.WriteLine("see 'reserves --help'; nothing was written.");
    return ExitCodes.BadInput;
}
return await parse.InvokeAsync();
