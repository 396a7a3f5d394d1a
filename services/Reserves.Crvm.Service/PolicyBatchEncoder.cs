using System.Globalization;
using System.Runtime.CompilerServices;
using Google.Protobuf;
using Reserves.Actuarial.Policies;

namespace Reserves.Crvm.Service;

/// <summary>
/// Encodes policies as a crvm/v1 PolicyBatch straight from the library's policies, with no message object per policy:
/// the bytes the generated code writes for <see cref="ContractMapping.ToContract(Policy)"/> (fields in number order,
/// proto3 defaults left out, the optional gross premium whenever present).
/// </summary>
public static class PolicyBatchEncoder
{
    private const uint PoliciesTag = (1 << 3) | 2;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static byte[] Encode(IReadOnlyList<Policy> policies, int from, int count)
    {
        // Issue dates repeat across a book: one text each.
        var dates = new Dictionary<DateOnly, string>();
        string Date(DateOnly d)
        {
            if (!dates.TryGetValue(d, out var text)) dates[d] = text = d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return text;
        }
        var sizes = new int[count];
        var total = 0;
        for (var k = 0; k < count; k++)
        {
            var size = sizes[k] = Size(policies[from + k], Date(policies[from + k].IssueDate));
            total += 1 + CodedOutputStream.ComputeLengthSize(size) + size;
        }
        var bytes = new byte[total];
        var output = new CodedOutputStream(bytes);
        for (var k = 0; k < count; k++)
        {
            var p = policies[from + k];
            output.WriteTag(PoliciesTag);
            output.WriteLength(sizes[k]);
            Write(output, p, Date(p.IssueDate));
        }
        output.Flush();
        output.CheckNoSpaceLeft();
        return bytes;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Size(Policy p, string issueDate)
    {
        var size = 0;
        void Text(string s) { if (s.Length > 0) size += 1 + CodedOutputStream.ComputeStringSize(s); }
        void Int(int v) { if (v != 0) size += 1 + CodedOutputStream.ComputeInt32Size(v); }
        Text(p.PolicyId);
        Text(p.Plan.Code());
        Text(issueDate);
        Int(p.IssueAge);
        Text(p.Sex.Code());
        Text(p.RiskClass.Code());
        if (p.FaceAmount != 0D) size += 9;
        if (p.GrossPremium is not null) size += 9;
        Int(p.PremiumYears ?? 0);
        Int(p.BenefitYears ?? 0);
        Text(p.BasisId);
        return size;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Write(CodedOutputStream output, Policy p, string issueDate)
    {
        void Text(int field, string s)
        {
            if (s.Length == 0) return;
            output.WriteTag(field, WireFormat.WireType.LengthDelimited);
            output.WriteString(s);
        }
        void Int(int field, int v)
        {
            if (v == 0) return;
            output.WriteTag(field, WireFormat.WireType.Varint);
            output.WriteInt32(v);
        }
        void Double(int field, double v)
        {
            output.WriteTag(field, WireFormat.WireType.Fixed64);
            output.WriteDouble(v);
        }
        Text(1, p.PolicyId);
        Text(2, p.Plan.Code());
        Text(3, issueDate);
        Int(4, p.IssueAge);
        Text(5, p.Sex.Code());
        Text(6, p.RiskClass.Code());
        // As the generated code: a face amount equal to 0 (0.0 or -0.0) is left out.
        if (p.FaceAmount != 0D) Double(7, p.FaceAmount);
        if (p.GrossPremium is { } gross) Double(8, gross);
        Int(9, p.PremiumYears ?? 0);
        Int(10, p.BenefitYears ?? 0);
        Text(11, p.BasisId);
    }
}
