using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Reserves.Actuarial.Bases;
using Reserves.Actuarial.Policies;
using Reserves.Actuarial.Reserves;
using Reserves.Actuarial.Tables;
using Reserves.Avr.Service;
using ShardSignature = Reserves.Contracts.Valuation.V1.ShardSignature;
using ComputeComponentsRequest = Reserves.Contracts.Avr.V1.ComputeComponentsRequest;
using ComputeRollForwardRequest = Reserves.Contracts.Avr.V1.ComputeRollForwardRequest;
using FactorSetChoice = Reserves.Contracts.Avr.V1.FactorSetChoice;
using Reserves.Contracts.Crvm.V1;
using ComputeImrRequest = Reserves.Contracts.Imr.V1.ComputeImrRequest;
using Reserves.Contracts.Valuation.V1;
using Reserves.Crvm.Service;
using Reserves.Imr.Service;
using Reserves.Inputs;
using Reserves.Investments.Avr;
using Reserves.Investments.Imr;
using Reserves.Orchestrator.Grains;

namespace Reserves.Orchestrator.Front;

/// <summary>
/// Turns a StartRun request into a run plan and the inputs of its segments: reads every input file, checks all of
/// them (each problem with its file, line and column) before any segment exists, partitions the in-force by basis
/// into shards of bounded size, and fingerprints the inputs so that a run id is never reused for other inputs.
/// </summary>
public sealed class RunPlanner(TableLibrary tables, string uploadDirectory, InputPaths inputPaths)
{
    public const int DefaultShardSize = 50_000;

    /// <summary>A shard travels in one grain message and one stored state: this keeps it well under Orleans' limits.</summary>
    public const int MaxShardSize = 250_000;

    public const int MaxExternalShards = 1_000;

    public static string ExternalShardId(int index, int count) => $"life-shard-{index:D4}-of-{count:D4}";

    public sealed record Planned(RunPlan Plan, IReadOnlyList<SegmentInputs> Segments);

    private sealed record InputBytes(string Role, string Name, byte[] Bytes);

    public string UploadDirectory { get; } = uploadDirectory;

    public Planned Plan(StartRunRequest request)
    {
        var key = request.Key ?? throw Invalid("key", "the run key (company, valuation date, run id) is required");
        if (string.IsNullOrWhiteSpace(key.Company) || key.Company.Contains('/')) throw Invalid("key.company", "company is required and may not contain '/'");
        if (string.IsNullOrWhiteSpace(key.RunId) || key.RunId.Contains('/')) throw Invalid("key.run_id", "run id is required and may not contain '/'");
        if (!DateOnly.TryParseExact(key.ValuationDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            throw Invalid("key.valuation_date", $"'{key.ValuationDate}' is not a date (YYYY-MM-DD)");
        var options = request.Options ?? new RunOptions();
        var shardSize = options.ShardSize > 0 ? options.ShardSize : DefaultShardSize;
        if (shardSize > MaxShardSize) throw Invalid("options.shard_size", $"shard size {shardSize} is above the maximum of {MaxShardSize:N0} policies");
        if (options.ExternalShards is < 0 or > MaxExternalShards)
            throw Invalid("options.external_shards", $"external shards must be between 0 and {MaxExternalShards:N0}");
        if (options.ExternalShards > 0
            && request.ShardSecret.Length is < ShardSignature.MinSecretBytes or > ShardSignature.MaxSecretBytes)
            throw Invalid("shard_secret",
                $"a run with external shards needs a shard secret of {ShardSignature.MinSecretBytes}-"
                + $"{ShardSignature.MaxSecretBytes} random bytes (the workers sign their submissions with it)");
        var f = new ServiceHosting.RequestFields();
        var eaf = f.OptionalAmount(options.Eaf, "options.eaf");
        var taxRate = f.OptionalAmount(options.TaxRate, "options.tax_rate");
        var method = options.ImrMethod is "" or "seriatim" ? Investments.Imr.AmortizationMethod.Seriatim
            : options.ImrMethod == "grouped" ? Investments.Imr.AmortizationMethod.Grouped
            : throw Invalid("options.imr_method", "imr_method must be seriatim or grouped");
        var presentation = options.NegativeImr is "" or "nonadmitted-asset" ? NegativeImrPresentation.NonadmittedAsset
            : options.NegativeImr == "negative-liability" ? NegativeImrPresentation.NegativeLiability
            : throw Invalid("options.negative_imr", "negative_imr must be nonadmitted-asset or negative-liability");
        f.ThrowIfAny();

        var policiesFile = Read("policies", request.Policies, required: true)!;
        var basesFile = Read("bases", request.Bases, required: true)!;
        var holdingsFile = Read("holdings", request.Holdings, required: true)!;
        var disposalsFile = Read("disposals", request.Disposals, required: true)!;
        var priorAvrFile = Read("prior_avr", request.PriorAvr);
        var priorImrFile = Read("prior_imr", request.PriorImr);
        var factorsFile = Read("factors", request.Factors);
        var liabilityFile = Read("liability_gains", request.LiabilityGains);
        var groupedFile = Read("grouped_table", request.GroupedTable);

        // The investment inputs are read and checked while the life inputs are (the AVR and IMR checks run on one core
        // each); life problems are reported first, as before.
        var investments = Task.Run(() => CheckInvestments(date, eaf, taxRate, method, presentation,
            holdingsFile, disposalsFile, priorAvrFile, priorImrFile, factorsFile, liabilityFile, groupedFile));

        // Life: bases, policies, and every check the valuation makes (tables, issue ages, dates).
        IReadOnlyList<Actuarial.Bases.ValuationBasis> bases;
        RecordFile<Actuarial.Policies.Policy> policies;
        try
        {
            bases = BasesJsonReader.Read(basesFile.Bytes, basesFile.Name);
            policies = PolicyCsvReader.Read(policiesFile.Bytes, policiesFile.Name);
            var byId = bases.ToDictionary(b => b.Id);
            Locate(() => new BlockValuation(tables).Validate(policies.Records, byId, date, policiesFile.Name), policies.Locate);
        }
        catch
        {
            investments.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
            throw;
        }
        var (holdings, factorSet, rollForward, disposals, priorImr, liability, grouped) = investments.GetAwaiter().GetResult();

        // Segments: the in-force by basis, in the order of the bases file, in shards of at most shardSize policies; or,
        // with external shards, policy row r (from 0) in shard r mod N, valued by workers outside the cluster.
        var segments = new List<SegmentInputs>();
        var dateText = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var external = options.ExternalShards;
        var allBases = new ValueStreamHeader { ValuationDate = dateText };
        allBases.Bases.AddRange(bases.Select(ContractMapping.ToContract));
        var allBasesBytes = allBases.ToByteArray();
        for (var shard = 0; shard < external; shard++)
        {
            var count = policies.Records.Count / external + (shard < policies.Records.Count % external ? 1 : 0);
            segments.Add(new SegmentInputs(new SegmentPlan(ExternalShardId(shard, external), SegmentKinds.External, "", shard, count), allBasesBytes, []));
        }
        var shards = new List<(Actuarial.Bases.ValuationBasis Basis, byte[] Header, List<Actuarial.Policies.Policy> OfBasis, int Shard)>();
        var byBasis = bases.ToDictionary(b => b.Id, _ => new List<Actuarial.Policies.Policy>(), StringComparer.Ordinal);
        if (external == 0)
            foreach (var p in policies.Records) byBasis[p.BasisId].Add(p);
        foreach (var basis in external > 0 ? [] : bases)
        {
            var ofBasis = byBasis[basis.Id];
            var header = new ValueStreamHeader { ValuationDate = dateText };
            header.Bases.Add(ContractMapping.ToContract(basis));
            var headerBytes = header.ToByteArray();
            for (var shard = 0; shard * shardSize < ofBasis.Count; shard++) shards.Add((basis, headerBytes, ofBasis, shard));
        }
        // Encoding the shards' policies is most of the planning time: in parallel, in plan order.
        var life = new SegmentInputs[shards.Count];
        Parallel.For(0, shards.Count, i =>
        {
            var (basis, headerBytes, ofBasis, shard) = shards[i];
            var count = Math.Min(shardSize, ofBasis.Count - shard * shardSize);
            var plan = new SegmentPlan($"life-{basis.Id}-{shard + 1:D3}", SegmentKinds.Life, basis.Id, shard + 1, count);
            life[i] = new SegmentInputs(plan, headerBytes, PolicyBatchEncoder.Encode(ofBasis, shard * shardSize, count));
        });
        segments.AddRange(life);
        var imrRequest = new ComputeImrRequest
        {
            StatementDate = dateText,
            Method = ImrContractMapping.ToContract(method),
            DefaultTaxRate = ServiceHosting.RequestFields.Text(taxRate),
            Presentation = ImrContractMapping.ToContract(presentation),
        };
        imrRequest.Disposals.AddRange(disposals.Records.Select(ImrContractMapping.ToContract));
        imrRequest.Prior.AddRange(ImrContractMapping.ToContract(priorImr?.Records ?? []));
        imrRequest.LiabilityGains.AddRange(ImrContractMapping.ToContract(liability?.Records ?? []));
        if (grouped is not null) imrRequest.GroupedTable.AddRange(ImrContractMapping.ToContract(grouped));
        var avrRequest = new ComputeRollForwardRequest
        {
            Components = new ComputeComponentsRequest
            {
                Factors = new FactorSetChoice { StatementYear = date.Year, FactorSetJson = factorsFile is null ? "" : Encoding.UTF8.GetString(factorsFile.Bytes) },
                Eaf = ServiceHosting.RequestFields.Text(eaf),
            },
        };
        avrRequest.Components.Holdings.AddRange(holdings.Records.Select(AvrContractMapping.ToContract));
        foreach (var (part, input) in rollForward ?? new Dictionary<AvrSubComponent, AvrRollForwardInput>())
            avrRequest.Inputs[part.Code()] = AvrContractMapping.ToContract(input);
        // The investment segment sends each of these in one call: refused now, with the limit, rather than later.
        // (16 KiB is kept for the credit-related gains the segment adds to the AVR request.)
        RequireWithinMessageLimit("holdings", avrRequest.CalculateSize() + 16 * 1024,
            $"{holdings.Records.Count:N0} holdings");
        RequireWithinMessageLimit("disposals", imrRequest.CalculateSize(), $"{disposals.Records.Count:N0} disposals");
        segments.Add(new SegmentInputs(new SegmentPlan("investments", SegmentKinds.Investments, "", 0, 0), imrRequest.ToByteArray(), avrRequest.ToByteArray()));

        var files = new[] { policiesFile, basesFile, holdingsFile, disposalsFile, priorAvrFile, priorImrFile, factorsFile, liabilityFile, groupedFile }
            .Where(i => i is not null).Select(i => i!).ToList();
        var counts = new Dictionary<string, int>
        {
            ["policies"] = policies.Records.Count,
            ["bases"] = bases.Count,
            ["holdings"] = holdings.Records.Count,
            ["disposals"] = disposals.Records.Count,
            ["prior_imr"] = priorImr?.Records.Count ?? 0,
            ["liability_gains"] = liability?.Records.Count ?? 0,
            ["prior_avr"] = rollForward?.Count ?? 0,
            ["factors"] = factorSet.Lines.Count,
            ["grouped_table"] = grouped?.Count ?? 0,
        };
        var inputs = files.Select(i => new RunInputRecord(i.Role, i.Name, Sha256(i.Bytes), i.Bytes.LongLength, counts[i.Role])).ToList();
        // The fingerprint covers the inputs, the options, the mortality tables the bases use and the software version:
        // any change gives other numbers, so it cannot reuse a stored run.
        var tableHashes = TableHashes(bases, tables);
        var fingerprint = Sha256(Encoding.UTF8.GetBytes(string.Join("\n", inputs.Select(i => $"{i.Role}={i.Sha256}").Concat(tableHashes)
            .Append($"software={OrchestratorHost.SoftwareVersion}")
            .Append($"shard_size={shardSize}").Append($"external_shards={options.ExternalShards}").Append($"eaf={eaf}").Append($"tax_rate={taxRate}").Append($"imr_method={method}").Append($"negative_imr={presentation}"))));
        var mortality = bases.SelectMany(b => b.Mortality.Values).Select(r => r.Text).Distinct().Order(StringComparer.Ordinal)
            .Select(r => tables.Get(r) is var t ? $"{r}: {t.Name} ({t.AgeBasis.ShortName()}, ages {t.MinAge}-{t.MaxAge}{(t.IsSelect ? $", select {t.SelectPeriod} years" : "")})" : r).ToList();
        var runPlan = new RunPlan(key.Company, dateText, key.RunId, fingerprint, inputs, allBasesBytes, mortality,
            $"AVR factor set {factorSet.StatementYear} ({factorSet.Structure.Name} designations): {factorSet.Source}",
            ImrRun.Name(method), holdings.Records.Count, disposals.Records.Count, segments.Select(s => s.Plan).ToList(),
            Sha256(Encoding.UTF8.GetBytes(string.Join("\n", tableHashes))),
            options.ExternalShards > 0 ? request.ShardSecret.ToByteArray() : null);
        return new Planned(runPlan, segments);
    }

    private sealed record CheckedInvestments(
        RecordFile<Holding> Holdings,
        AvrFactorSet FactorSet,
        IReadOnlyDictionary<AvrSubComponent, AvrRollForwardInput>? RollForward,
        RecordFile<Disposal> Disposals,
        RecordFile<YearAmount>? PriorImr,
        RecordFile<YearAmount>? Liability,
        IReadOnlyDictionary<int, GroupedAmortizationTable>? Grouped);

    /// <summary>
    /// Reads and checks the investment inputs: the AVR pages are computed once to check the holdings, the IMR makes
    /// every check of its run without amortizing (the segment computes both for real).
    /// </summary>
    private static CheckedInvestments CheckInvestments(DateOnly date, decimal? eaf, decimal? taxRate, AmortizationMethod method,
        NegativeImrPresentation presentation, InputBytes holdingsFile, InputBytes disposalsFile, InputBytes? priorAvrFile, InputBytes? priorImrFile,
        InputBytes? factorsFile, InputBytes? liabilityFile, InputBytes? groupedFile)
    {
        var holdings = HoldingCsvReader.Read(Text(holdingsFile), holdingsFile.Name);
        var factorSet = factorsFile is null
            ? AvrFactorSetReader.ForYear(date.Year, null)
            : AvrFactorSetReader.ForYear(date.Year, new MemoryStream(factorsFile.Bytes), factorsFile.Name);
        Locate(() => AvrCalculator.Compute(holdings.Records, factorSet, eaf, holdingsFile.Name), holdings.Locate);
        var rollForward = priorAvrFile is null ? null : AvrRollForwardReader.Read(new MemoryStream(priorAvrFile.Bytes), priorAvrFile.Name);
        var disposals = DisposalCsvReader.Read(Text(disposalsFile), disposalsFile.Name);
        var priorImr = priorImrFile is null ? null : YearAmountCsvReader.Read(Text(priorImrFile), priorImrFile.Name);
        var liability = liabilityFile is null ? null : YearAmountCsvReader.Read(Text(liabilityFile), liabilityFile.Name);
        var grouped = groupedFile is null ? null : GroupedAmortizationTableReader.Read(Text(groupedFile), groupedFile.Name);
        var imrOptions = new ImrRunOptions(date, method, taxRate, presentation, null, null, grouped);
        Locate(() => ImrRun.Check(disposals.Records, liability?.Records ?? [], imrOptions, disposalsFile.Name),
            e => e.Collection switch
            {
                "disposals" => disposals.Locate(e),
                "liability_gains" when liability is not null => liability.Locate(e),
                _ => e,
            });
        return new CheckedInvestments(holdings, factorSet, rollForward, disposals, priorImr, liability, grouped);
    }

    private InputBytes? Read(string role, InputFile? file, bool required = false)
    {
        if (file is null || file.SourceCase == InputFile.SourceOneofCase.None)
            return required ? throw Invalid(role, $"the {role} input is required") : null;
        if (file.SourceCase == InputFile.SourceOneofCase.Path)
        {
            var (bytes, shown) = inputPaths.Read($"{role}.path", file.Path);
            var name = string.IsNullOrWhiteSpace(file.Name) ? shown : Path.GetFileName(file.Name);
            return new InputBytes(role, name, bytes);
        }
        var sha = file.UploadSha256.ToLowerInvariant();
        var path = Path.Combine(UploadDirectory, sha);
        if (sha.Length != 64 || !sha.All(char.IsAsciiHexDigit) || !File.Exists(path))
            throw Invalid($"{role}.upload_sha256", $"no upload with SHA-256 {file.UploadSha256}");
        return new InputBytes(role, string.IsNullOrWhiteSpace(file.Name) ? $"{role}-{sha[..12]}" : file.Name, File.ReadAllBytes(path));
    }

    private static StringReader Text(InputBytes input) => new(Utf8Input.Decode(input.Bytes, input.Name));

    /// <summary>The mortality tables the bases use, each with the SHA-256 of its file ("built-in" for SULT).</summary>
    public static IReadOnlyList<string> TableHashes(IEnumerable<Actuarial.Bases.ValuationBasis> bases, TableLibrary tables) =>
        bases.SelectMany(b => b.Mortality.Values).DistinctBy(r => r.Text)
            .Select(r => $"table {r.Text}={(r.Source == TableSource.StandardUltimate || tables.Directory is null ? "built-in" : Sha256(File.ReadAllBytes(Path.Combine(tables.Directory, r.File))))}")
            .ToList();

    /// <summary>One SHA-256 over <see cref="TableHashes"/>: a worker must value with the tables the run planned with.</summary>
    public static string TablesSha256(IEnumerable<Actuarial.Bases.ValuationBasis> bases, TableLibrary tables) =>
        Sha256(Encoding.UTF8.GetBytes(string.Join("\n", TableHashes(bases, tables))));

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static void Locate(Action check, Func<InputError, InputError> locate)
    {
        try
        {
            check();
        }
        catch (InvalidInputException e)
        {
            throw new InvalidInputException(e.Errors.Select(locate).ToList());
        }
    }

    private static void RequireWithinMessageLimit(string field, int bytes, string what)
    {
        if (bytes > ServiceHosting.GrpcServiceHost.MaxMessageBytes)
            throw Invalid(field, $"{what} encode to {bytes / (1024.0 * 1024):F1} MiB, above the "
                + $"{ServiceHosting.GrpcServiceHost.MaxMessageBytes / (1024 * 1024)} "
                + "MiB limit of one calculator call");
    }

    private static InvalidInputException Invalid(string field, string message) =>
        new(new InputError("request", null, null, field, message));
}
