using System.CommandLine;
using Reserves.Exhibits;
using Reserves.Investments.Imr;

namespace Reserves.Cli.Commands;

public static class ImrCommand
{
    public static Command Create()
    {
        var disposals = new Option<string>("--disposals")
        {
            Description = "Disposals CSV (see docs/file-formats.md)",
            Required = true
        };
        var date = CommonOptions.Date("--statement-date", "Statement date, YYYY-MM-DD (a quarter end reports year-to-date amortization)");
        var prior = new Option<string>("--prior") { Description = "Last year's carry-forward: year,amount (column 4 shifted up a row)", Required = true };
        var liability = new Option<string?>("--liability-gains") { Description = "Liability gains/(losses) released: year,amount" };
        var method = new Option<string>("--method") { Description = "seriatim or grouped", DefaultValueFactory = _ => "seriatim" };
        method.AcceptOnlyFromAmong("seriatim", "grouped");
        var table = new Option<string?>("--grouped-table") { Description = "NAIC grouped amortization table CSV: sale_year,band,year_offset,fraction" };
        var taxRate = new Option<decimal?>("--tax-rate") { Description = "Tax rate for disposals without their own, decimal (0.35 for 35%)" };
        var methodLock = new Option<string?>("--method-lock") { Description = "Methods the gains of earlier runs were amortized with: gains_year,method (written as imr-method-lock.csv)" };
        var presentation = new Option<string>("--negative-imr") { Description = "Presentation of a negative IMR", DefaultValueFactory = _ => "nonadmitted-asset" };
        presentation.AcceptOnlyFromAmong("nonadmitted-asset", "negative-liability");
        var adjusted = new Option<decimal?>("--int2301-adjusted-capital") { Description = "INT 23-01: adjusted general-account capital and surplus" };
        var unadjusted = new Option<decimal?>("--int2301-unadjusted-capital") { Description = "INT 23-01: current unadjusted capital and surplus" };
        var rbc = new Option<decimal?>("--int2301-rbc-ratio") { Description = "INT 23-01: RBC ratio as a multiple of authorized control level (3.5 for 350%)" };
        var output = new Option<string>("--out") { Description = "Output directory", Required = true };
        var server = CommonOptions.Server("IMR");
        var command = new Command("imr", "Compute the Interest Maintenance Reserve: routing, amortization, the IMR page and exhibit")
        {
            disposals, date, prior, liability, method, table, taxRate, methodLock, presentation, adjusted, unadjusted, rbc, output, server,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                Int2301Conditions? conditions = null;
                if (parse.GetValue(adjusted) is { } a)
                    conditions = new Int2301Conditions(a, parse.GetValue(unadjusted),
                        parse.GetValue(rbc) ?? throw new ArgumentException("--int2301-rbc-ratio is required with --int2301-adjusted-capital"));
                var input = new ImrJobInput(parse.GetValue(disposals)!, parse.GetValue(date), parse.GetValue(prior)!, parse.GetValue(liability),
                    parse.GetValue(method) == "grouped" ? AmortizationMethod.Grouped : AmortizationMethod.Seriatim, parse.GetValue(table),
                    parse.GetValue(taxRate), parse.GetValue(methodLock),
                    parse.GetValue(presentation) == "negative-liability" ? NegativeImrPresentation.NegativeLiability : NegativeImrPresentation.NonadmittedAsset,
                    conditions);
                var report = await ImrJob.RunAsync(input, parse.GetValue(output)!, parse.GetValue(server), cancellationToken);
                foreach (var line in report.Page) Console.WriteLine($"  {line.Line}. {line.Description,-100} {Money.WholeDollars(line.Amount),14:N0}");
                if (report.NegativeImr.Disallowed > 0)
                    Console.WriteLine($"negative IMR {report.NegativeImr.Disallowed:N2}: admitted {report.NegativeImr.Admitted:N2}, nonadmitted {report.NegativeImr.Nonadmitted:N2} ({report.NegativeImr.Reason})");
                if (report.IgnoredPrior.Count > 0)
                    Console.WriteLine($"note: {report.IgnoredPrior.Count} prior row(s) before {report.StatementDate.Year} were released in earlier years and are not part of this reserve");
                Console.WriteLine($"wrote the IMR outputs to {parse.GetValue(output)}");
                return ExitCodes.Ok;
            }
            catch (ArgumentException e) when (e is not ArgumentOutOfRangeException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
            catch (Exception e)
            {
                return ExitCodes.Report(e, Console.Error);
            }
        });
        return command;
    }
}
