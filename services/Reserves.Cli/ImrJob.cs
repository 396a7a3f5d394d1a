using Reserves.ServiceHosting;
using Grpc.Core;
using Grpc.Net.Client;
using ComputeImrRequest = Reserves.Contracts.Imr.V1.ComputeImrRequest;
using ImrCalculator = Reserves.Contracts.Imr.V1.ImrCalculator;
using Reserves.Exhibits.Imr;
using Reserves.Imr.Service;
using Reserves.Inputs;
using Reserves.Investments.Imr;
using Domain = Reserves.Investments.Imr;

namespace Reserves.Cli;

/// <summary>The IMR inputs the CLI reads from files and options.</summary>
public sealed record ImrJobInput(
    string DisposalsPath,
    DateOnly StatementDate,
    string PriorPath,
    string? LiabilityGainsPath,
    Domain.AmortizationMethod Method,
    string? GroupedTablePath,
    decimal? DefaultTaxRate,
    string? MethodLockPath,
    Domain.NegativeImrPresentation Presentation,
    Int2301Conditions? Int2301);

/// <summary>
/// The IMR from files: routing, schedules, exhibit, page, carry-forward and negative IMR, in-process or through a
/// server, written whole or not at all; errors point at the file, line and column they came from.
/// </summary>
public static class ImrJob
{
    public static async Task<ImrReport> RunAsync(ImrJobInput input, string outDirectory, string? server, CancellationToken cancellationToken = default)
    {
        OutputTargets.Check([("--disposals", input.DisposalsPath), ("--prior", input.PriorPath),
            ("--liability-gains", input.LiabilityGainsPath), ("--grouped-table", input.GroupedTablePath),
            ("--method-lock", input.MethodLockPath)], [], ("--out", outDirectory));
        var disposals = DisposalCsvReader.ReadFile(input.DisposalsPath);
        var prior = YearAmountCsvReader.ReadFile(input.PriorPath);
        var liability = input.LiabilityGainsPath is null ? null : YearAmountCsvReader.ReadFile(input.LiabilityGainsPath);
        var tables = input.GroupedTablePath is null ? null : GroupedAmortizationTableReader.ReadFile(input.GroupedTablePath);
        var methodLock = input.MethodLockPath is null ? null : MethodLockCsvReader.ReadFile(input.MethodLockPath);
        ImrReport report;
        try
        {
            if (server is null)
            {
                var options = new ImrRunOptions(input.StatementDate, input.Method, input.DefaultTaxRate, input.Presentation, input.Int2301, methodLock, tables);
                report = ImrReport.From(ImrRun.Run(disposals.Records, prior.Records, liability?.Records ?? [], options, disposals.Source));
            }
            else
            {
                report = await ComputeRemoteAsync(server, input, disposals.Records, prior.Records, liability?.Records ?? [], tables, methodLock, cancellationToken);
            }
        }
        catch (InvalidInputException e)
        {
            throw new InvalidInputException(e.Errors.Select(error => error.Collection switch
            {
                "disposals" => disposals.Locate(error),
                "liability_gains" when liability is not null => liability.Locate(error),
                _ => error,
            }).ToList());
        }
        ImrReportWriter.WriteAll(outDirectory, report);
        return report;
    }

    private static async Task<ImrReport> ComputeRemoteAsync(string server, ImrJobInput input, IReadOnlyList<Domain.Disposal> disposals,
        IReadOnlyList<YearAmount> prior, IReadOnlyList<YearAmount> liability, IReadOnlyDictionary<int, GroupedAmortizationTable>? tables,
        IReadOnlyDictionary<int, Domain.AmortizationMethod>? methodLock, CancellationToken cancellationToken)
    {
        using var channel = ServiceChannels.Create(server, ClientSecurity.FromEnvironment());
        var request = new ComputeImrRequest
        {
            StatementDate = input.StatementDate.ToString("yyyy-MM-dd"),
            Method = ImrContractMapping.ToContract(input.Method),
            DefaultTaxRate = input.DefaultTaxRate?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            Presentation = ImrContractMapping.ToContract(input.Presentation),
            Int2301 = ImrContractMapping.ToContract(input.Int2301),
        };
        request.Disposals.AddRange(disposals.Select(ImrContractMapping.ToContract));
        request.Prior.AddRange(ImrContractMapping.ToContract(prior));
        request.LiabilityGains.AddRange(ImrContractMapping.ToContract(liability));
        if (tables is not null) request.GroupedTable.AddRange(ImrContractMapping.ToContract(tables));
        foreach (var (year, method) in methodLock ?? new Dictionary<int, Domain.AmortizationMethod>()) request.MethodLock[year] = ImrContractMapping.ToContract(method);
        try
        {
            var response = await new ImrCalculator.ImrCalculatorClient(channel).ComputeImrAsync(request, cancellationToken: cancellationToken);
            return ImrContractMapping.FromContract(response);
        }
        catch (RpcException e)
        {
            throw GrpcErrors.FromStatus(e);
        }
    }
}
