namespace Reserves.Investments.Avr;

/// <summary>The roll-forward inputs of one sub-component (dollars; missing = 0).</summary>
public sealed record AvrRollForwardInput(
    decimal PriorReserve = 0,
    decimal RealizedGeneral = 0,
    decimal RealizedSeparate = 0,
    decimal UnrealizedGeneral = 0,
    decimal UnrealizedSeparate = 0,
    decimal CreditedToContracts = 0,
    decimal VoluntaryContribution = 0)
{
    public static readonly AvrRollForwardInput None = new();
}

/// <summary>Lines 1-16 of the roll-forward for one sub-component (unrounded).</summary>
public sealed record AvrRollForwardColumn(decimal[] Lines)
{
    public decimal this[int line] => Lines[line - 1];
}

/// <summary>The roll-forward of all four sub-components, with component and grand totals.</summary>
public sealed record AvrRollForwardResult(IReadOnlyDictionary<AvrSubComponent, AvrRollForwardColumn> Columns)
{
    public static readonly string[] Descriptions =
    [
        "Reserve as of December 31, prior year",
        "Realized capital gains/(losses) net of taxes - General Account",
        "Realized capital gains/(losses) net of taxes - Separate Accounts",
        "Unrealized capital gains/(losses) net of deferred taxes - General Account",
        "Unrealized capital gains/(losses) net of deferred taxes - Separate Accounts",
        "Capital gains credited/(losses charged) to contract benefits, payments or reserves",
        "Basic contribution",
        "Accumulated balances (Lines 1 through 5 - 6 + 7)",
        "Maximum reserve",
        "Reserve objective",
        "20% of (Line 10 - Line 8)",
        "Balance before transfers (Lines 8 + 11)",
        "Transfers",
        "Voluntary contribution",
        "Adjustment down to maximum/up to zero",
        "Reserve as of December 31, current year (Lines 12 + 13 + 14 + 15)",
    ];

    public decimal Value(AvrSubComponent part, int line) => Columns[part][line];
    public decimal DefaultTotal(int line) => Value(AvrSubComponent.DefaultOther, line) + Value(AvrSubComponent.DefaultMortgage, line);
    public decimal EquityTotal(int line) => Value(AvrSubComponent.EquityCommon, line) + Value(AvrSubComponent.EquityOther, line);
    public decimal Total(int line) => DefaultTotal(line) + EquityTotal(line);
}

/// <summary>
/// The AVR roll-forward (domain.md 2.2), per sub-component: the accumulated balance, 20% of the way to the reserve
/// objective, transfers between sister sub-components of the same component, the voluntary contribution, and the
/// final clamp to [0, maximum].
/// </summary>
public static class AvrRollForward
{
    public const decimal StepToObjective = 0.20m;
    public const decimal SisterFloorShare = 0.50m;

    public static AvrRollForwardResult Compute(AvrComponents components, IReadOnlyDictionary<AvrSubComponent, AvrRollForwardInput> inputs) =>
        Compute(Enum.GetValues<AvrSubComponent>().ToDictionary(p => p, components.SubComponent), inputs);

    public static AvrRollForwardResult Compute(IReadOnlyDictionary<AvrSubComponent, AvrTriple> amounts,
        IReadOnlyDictionary<AvrSubComponent, AvrRollForwardInput> inputs)
    {
        var lines = new Dictionary<AvrSubComponent, decimal[]>();
        foreach (var part in Enum.GetValues<AvrSubComponent>())
        {
            var input = inputs.GetValueOrDefault(part) ?? AvrRollForwardInput.None;
            var a = amounts.GetValueOrDefault(part);
            var l = new decimal[16];
            l[0] = input.PriorReserve;
            l[1] = input.RealizedGeneral;
            l[2] = input.RealizedSeparate;
            l[3] = input.UnrealizedGeneral;
            l[4] = input.UnrealizedSeparate;
            l[5] = input.CreditedToContracts;
            l[6] = a.BasicContribution;
            l[7] = l[0] + l[1] + l[2] + l[3] + l[4] - l[5] + l[6];
            l[8] = a.Maximum;
            l[9] = a.ReserveObjective;
            l[10] = StepToObjective * (l[9] - l[7]);
            l[11] = l[7] + l[10];
            l[13] = input.VoluntaryContribution;
            lines[part] = l;
        }

        Transfer(lines[AvrSubComponent.DefaultOther], lines[AvrSubComponent.DefaultMortgage]);
        Transfer(lines[AvrSubComponent.EquityCommon], lines[AvrSubComponent.EquityOther]);

        foreach (var l in lines.Values)
        {
            var beforeAdjustment = l[11] + l[12] + l[13];
            var clamped = Math.Min(Math.Max(beforeAdjustment, 0), Math.Max(l[8], 0));
            l[14] = clamped - beforeAdjustment;
            l[15] = beforeAdjustment + l[14];
        }
        return new AvrRollForwardResult(lines.ToDictionary(p => p.Key, p => new AvrRollForwardColumn(p.Value)));
    }

    /// <summary>
    /// Line 13 for two sister sub-components from their line 12 balances: a balance over its maximum passes the excess
    /// to the sister up to the sister's maximum; then a negative balance is offset by the sister, which keeps at least
    /// half of its pre-transfer balance.
    /// </summary>
    private static void Transfer(decimal[] a, decimal[] b)
    {
        decimal balanceA = a[11], balanceB = b[11];
        decimal maxA = a[8], maxB = b[8];

        void PassExcess(ref decimal from, decimal fromMax, ref decimal to, decimal toMax)
        {
            if (from <= fromMax) return;
            var moved = Math.Min(from - fromMax, Math.Max(0, toMax - to));
            from -= moved;
            to += moved;
        }

        void OffsetNegative(ref decimal negative, ref decimal sister, decimal sisterPreTransfer)
        {
            if (negative >= 0 || sister <= 0) return;
            var available = Math.Max(0, sister - SisterFloorShare * Math.Max(0, sisterPreTransfer));
            var moved = Math.Min(-negative, available);
            negative += moved;
            sister -= moved;
        }

        PassExcess(ref balanceA, maxA, ref balanceB, maxB);
        PassExcess(ref balanceB, maxB, ref balanceA, maxA);
        OffsetNegative(ref balanceA, ref balanceB, b[11]);
        OffsetNegative(ref balanceB, ref balanceA, a[11]);
        a[12] = balanceA - a[11];
        b[12] = balanceB - b[11];
    }
}
