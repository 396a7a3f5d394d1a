using System.CommandLine;
using System.Globalization;
using Reserves.Actuarial.Rates;

namespace Reserves.Cli.Commands;

public static class RateCommand
{
    public static Command Create()
    {
        var issueYear = new Option<int>("--issue-year") { Description = "Calendar year of issue (the Moody's averages end June 30 of the year before)", Required = true };
        var guarantee = new Option<int>("--guarantee-years") { Description = "Guarantee duration in years (sets the weight W)", Required = true };
        var moody12 = CommonOptions.Rate("--moody-12", "12-month average of Moody's seasoned corporate bond yield, decimal (0.1371 for 13.71%)");
        var moody36 = CommonOptions.Rate("--moody-36", "36-month average, decimal");
        var prior = new Option<decimal?>("--prior-rate") { Description = "Prior year's actual valuation rate, decimal (kept when the new rate differs by less than 0.005)" };
        var command = new Command("rate", "Print the statutory maximum valuation interest rate for life insurance (SVL section 4a)")
        {
            issueYear, guarantee, moody12, moody36, prior,
        };
        command.SetAction(parse =>
        {
            try
            {
                var rate = MaximumValuationRate.ForLifeInsurance(parse.GetValue(guarantee), parse.GetValue(moody12), parse.GetValue(moody36), parse.GetValue(prior));
                Console.WriteLine(rate.Rate.ToString("0.0###", CultureInfo.InvariantCulture));
                return ExitCodes.Ok;
            }
            catch (ArgumentOutOfRangeException e)
            {
                Console.Error.WriteLine($"error: {e.Message.Split(" (Parameter")[0]}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }
}
