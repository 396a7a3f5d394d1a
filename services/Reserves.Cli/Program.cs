using Reserves.Cli.Commands;

return await ReservesCommand.Create().Parse(args).InvokeAsync();
