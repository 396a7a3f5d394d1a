using Reserves.Exhibits.Imr;
using Reserves.Inputs;
using Reserves.Investments.Imr;
using Reserves.ServiceHosting;
using Contract = Reserves.Contracts.Imr.V1;

namespace Reserves.Imr.Service;

/// <summary>Maps the imr/v1 contract to the library and to the IMR report, both ways.</summary>
public static class ImrContractMapping
{
    private static string T(decimal v) => RequestFields.Text(v);

    public static List<Disposal> Disposals(IReadOnlyList<Contract.Disposal> disposals)
    {
        var f = new RequestFields("disposals");
        var result = new List<Disposal>(disposals.Count);
        for (var i = 0; i < disposals.Count && f.Errors.Count < InvalidInputException.MaxErrors; i++)
        {
            var d = disposals[i];
            var before = f.Errors.Count;
            if (!DisposalCodes.TryParse(d.AssetType, out var type))
                f.Error("asset_type", $"'{d.AssetType}': asset_type must be one of {DisposalCodes.TypeList}", i);
            var disposal = new Disposal(d.DisposalId, type, f.Date(d.DisposalDate, "disposal_date", i), f.OptionalDate(d.AcquisitionDate, "acquisition_date", i),
                d.AcquisitionDesignation.Trim().ToUpperInvariant(), d.DisposalDesignation.Trim().ToUpperInvariant(), d.EverNaic6,
                f.Amount(d.Par, "par", i), f.Amount(d.BookValue, "book_value", i, null), f.Amount(d.Proceeds, "proceeds", i, null),
                f.OptionalAmount(d.CouponRate, "coupon_rate", i), d.CouponFrequency == 0 ? null : d.CouponFrequency,
                f.OptionalDate(d.MaturityDate, "maturity_date", i), f.OptionalAmount(d.TaxRate, "tax_rate", i), d.DaysPastDue, d.InForeclosure,
                d.RestructuredWithin2Y, f.OptionalAmount(d.CreditLoss, "credit_loss", i), d.LowestDesignationHeld.Trim().ToUpperInvariant());
            if (f.Errors.Count > before) continue;
            foreach (var (field, message) in DisposalRules.Check(disposal)) f.Error(field, message, i);
            result.Add(disposal);
        }
        f.ThrowIfAny();
        return result;
    }

    public static Contract.Disposal ToContract(Disposal d) => new()
    {
        DisposalId = d.DisposalId,
        AssetType = d.AssetType.Code(),
        DisposalDate = RequestFields.Text(d.DisposalDate),
        AcquisitionDate = RequestFields.Text(d.AcquisitionDate),
        AcquisitionDesignation = d.AcquisitionDesignation,
        DisposalDesignation = d.DisposalDesignation,
        EverNaic6 = d.EverNaic6,
        Par = T(d.Par),
        BookValue = T(d.BookValue),
        Proceeds = T(d.Proceeds),
        CouponRate = RequestFields.Text(d.CouponRate),
        CouponFrequency = d.CouponFrequency ?? 0,
        MaturityDate = RequestFields.Text(d.MaturityDate),
        TaxRate = RequestFields.Text(d.TaxRate),
        DaysPastDue = d.DaysPastDue,
        InForeclosure = d.InForeclosure,
        RestructuredWithin2Y = d.RestructuredWithin2Years,
        CreditLoss = RequestFields.Text(d.CreditLoss),
        LowestDesignationHeld = d.LowestDesignationHeld,
    };

    public static List<YearAmount> YearAmounts(IEnumerable<Contract.YearAmount> rows, string field)
    {
        var f = new RequestFields();
        var list = rows.Select((r, i) => new YearAmount(r.Year, f.Amount(r.Amount, $"{field}[{i}].amount", whenEmpty: null))).ToList();
        foreach (var dup in list.GroupBy(r => r.Year).Where(g => g.Count() > 1)) f.Error(field, $"year {dup.Key} appears more than once");
        f.ThrowIfAny();
        return list;
    }

    public static IEnumerable<Contract.YearAmount> ToContract(IEnumerable<YearAmount> rows) =>
        rows.Select(r => new Contract.YearAmount { Year = r.Year, Amount = T(r.Amount) });

    public static IReadOnlyDictionary<int, GroupedAmortizationTable>? GroupedTables(IReadOnlyList<Contract.GroupedTableRow> rows)
    {
        if (rows.Count == 0) return null;
        var f = new RequestFields();
        var parsed = rows.Select((r, i) => new GroupedAmortizationTableReader.Row(r.SaleYear, r.Band, r.YearOffset,
            f.Amount(r.Fraction, $"grouped_table[{i}].fraction", whenEmpty: null))).ToList();
        for (var i = 0; i < parsed.Count; i++)
            if (!GroupedAmortization.Bands.Contains(parsed[i].Band)) f.Error($"grouped_table[{i}].band", $"'{parsed[i].Band}' is not a band");
        f.ThrowIfAny();
        return GroupedAmortizationTableReader.FromRows(parsed, "grouped_table");
    }

    public static IEnumerable<Contract.GroupedTableRow> ToContract(IReadOnlyDictionary<int, GroupedAmortizationTable> tables) =>
        from t in tables.Values
        from band in t.Fractions
        from offset in Enumerable.Range(0, band.Value.Count)
        where band.Value[offset] != 0
        select new Contract.GroupedTableRow { SaleYear = t.SaleYear, Band = band.Key, YearOffset = offset, Fraction = T(band.Value[offset]) };

    public static AmortizationMethod Method(Contract.AmortizationMethod m) =>
        m == Contract.AmortizationMethod.Grouped ? AmortizationMethod.Grouped : AmortizationMethod.Seriatim;

    public static Contract.AmortizationMethod ToContract(AmortizationMethod m) =>
        m == AmortizationMethod.Grouped ? Contract.AmortizationMethod.Grouped : Contract.AmortizationMethod.Seriatim;

    public static Contract.AmortizationMethod MethodByName(string name) =>
        name == "grouped" ? Contract.AmortizationMethod.Grouped : Contract.AmortizationMethod.Seriatim;

    public static NegativeImrPresentation Presentation(Contract.NegativeImrPresentation p) =>
        p == Contract.NegativeImrPresentation.NegativeLiability ? NegativeImrPresentation.NegativeLiability : NegativeImrPresentation.NonadmittedAsset;

    public static Contract.NegativeImrPresentation ToContract(NegativeImrPresentation p) =>
        p == NegativeImrPresentation.NegativeLiability ? Contract.NegativeImrPresentation.NegativeLiability : Contract.NegativeImrPresentation.NonadmittedAsset;

    public static Int2301Conditions? Conditions(Contract.Int2301Conditions? c)
    {
        if (c is null) return null;
        var f = new RequestFields();
        var result = new Int2301Conditions(f.Amount(c.AdjustedGeneralAccountCapitalAndSurplus, "int2301.adjusted_general_account_capital_and_surplus", whenEmpty: null),
            f.OptionalAmount(c.CurrentUnadjustedCapitalAndSurplus, "int2301.current_unadjusted_capital_and_surplus"),
            f.Amount(c.RbcRatio, "int2301.rbc_ratio", whenEmpty: null));
        f.ThrowIfAny();
        return result;
    }

    public static Contract.Int2301Conditions? ToContract(Int2301Conditions? c) => c is null ? null : new()
    {
        AdjustedGeneralAccountCapitalAndSurplus = T(c.AdjustedGeneralAccountCapitalAndSurplus),
        CurrentUnadjustedCapitalAndSurplus = RequestFields.Text(c.CurrentUnadjustedCapitalAndSurplus),
        RbcRatio = T(c.RbcRatio),
    };

    public static Contract.NegativeImrAssessment ToContract(ImrNegative n) => new()
    {
        NetImr = T(n.NetImr),
        Disallowed = T(n.Disallowed),
        Admitted = T(n.Admitted),
        Nonadmitted = T(n.Nonadmitted),
        Presentation = n.Presentation == "negative-liability" ? Contract.NegativeImrPresentation.NegativeLiability : Contract.NegativeImrPresentation.NonadmittedAsset,
        Reason = n.Reason,
    };

    public static Contract.RoutedGain ToContract(ImrRoutingRow r) => new()
    {
        DisposalId = r.DisposalId,
        Route = r.Route,
        Rule = r.Rule,
        PreTaxGain = T(r.PreTaxGain),
        Tax = T(r.Tax),
        AfterTaxGain = T(r.AfterTaxGain),
        AvrSubComponent = r.AvrSubComponent,
    };

    public static IEnumerable<Contract.AmortizationSchedule> ToContract(IEnumerable<ImrAmortizationRow> rows) =>
        rows.GroupBy(r => (r.DisposalId, r.Method)).Select(g =>
        {
            var s = new Contract.AmortizationSchedule { DisposalId = g.Key.DisposalId, Method = g.Key.Method };
            s.Years.AddRange(g.Select(y => new Contract.YearRelease { Year = y.Year, PreTax = T(y.PreTax), AfterTax = T(y.AfterTax) }));
            return s;
        });

    public static Contract.ComputeImrResponse ToContract(ImrReport r)
    {
        var response = new Contract.ComputeImrResponse
        {
            StatementDate = RequestFields.Text(r.StatementDate),
            Method = MethodByName(r.Method),
            NegativeImr = ToContract(r.NegativeImr),
            PreTaxGains = T(r.PreTaxGains),
            Taxes = T(r.Taxes),
        };
        response.Routing.AddRange(r.Routing.Select(ToContract));
        response.Schedules.AddRange(ToContract(r.Amortization));
        response.Exhibit.AddRange(r.Exhibit.Select(e => new Contract.ExhibitRow
        {
            Line = e.Line,
            Year = e.Year,
            AndLater = e.AndLater,
            PriorReserve = T(e.PriorReserve),
            CurrentYearGains = T(e.CurrentYearGains),
            LiabilityAdjustment = T(e.LiabilityAdjustment),
            Balance = T(e.Balance),
        }));
        response.Page.AddRange(r.Page.Select(p => new Contract.PageLine { Line = p.Line, Description = p.Description, Amount = T(p.Amount) }));
        response.CarryForward.AddRange(ToContract(r.CarryForward));
        foreach (var (part, amount) in r.AvrRealizedGains) response.AvrRealizedGains[part] = T(amount);
        foreach (var (year, method) in r.MethodLock) response.MethodLock[year] = MethodByName(method);
        response.IgnoredPrior.AddRange(ToContract(r.IgnoredPrior));
        return response;
    }

    public static ImrReport FromContract(Contract.ComputeImrResponse r)
    {
        static decimal D(string s) => decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        static string Name(Contract.AmortizationMethod m) => m == Contract.AmortizationMethod.Grouped ? "grouped" : "seriatim";
        var n = r.NegativeImr;
        return new ImrReport(
            DateOnly.ParseExact(r.StatementDate, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Name(r.Method), D(r.PreTaxGains), D(r.Taxes),
            r.Routing.Select(g => new ImrRoutingRow(g.DisposalId, g.Route, g.Rule, D(g.PreTaxGain), D(g.Tax), D(g.AfterTaxGain), g.AvrSubComponent)).ToList(),
            r.Schedules.SelectMany(s => s.Years.Select(y => new ImrAmortizationRow(s.DisposalId, s.Method, y.Year, D(y.PreTax), D(y.AfterTax)))).ToList(),
            r.Page.Select(p => new ImrPageRow(p.Line, p.Description, D(p.Amount))).ToList(),
            r.Exhibit.Select(e => new ImrExhibitLine(e.Line, e.Year, e.AndLater, D(e.PriorReserve), D(e.CurrentYearGains), D(e.LiabilityAdjustment), D(e.Balance))).ToList(),
            r.CarryForward.Select(c => new YearAmount(c.Year, D(c.Amount))).ToList(),
            new ImrNegative(D(n.NetImr), D(n.Disallowed), D(n.Admitted), D(n.Nonadmitted),
                n.Presentation == Contract.NegativeImrPresentation.NegativeLiability ? "negative-liability" : "nonadmitted-asset", n.Reason),
            r.AvrRealizedGains.ToDictionary(p => p.Key, p => D(p.Value)),
            r.MethodLock.ToDictionary(p => p.Key, p => Name(p.Value)),
            r.IgnoredPrior.Select(c => new YearAmount(c.Year, D(c.Amount))).ToList());
    }
}
