using Google.Protobuf;
using Grpc.Core;
using Reserves.Contracts.Crvm.V1;

namespace Reserves.Orchestrator.Grains;

/// <summary>
/// A life segment's stored policies (one encoded <see cref="PolicyBatch"/>) sent to the CRVM stream as they are: the
/// batch is cut into ValueStreamRequest messages of at most a given number of policies by walking the field
/// boundaries, without decoding a policy. A repeated field's encodings may be split and concatenated freely, so each
/// slice is a valid PolicyBatch, and the calculator reads exactly what the generated client would have sent.
/// </summary>
public static class PolicyBatchSlices
{
    // ValueStreamRequest.batch is field 2, length-delimited; PolicyBatch.policies is field 1, length-delimited.
    private const uint BatchTag = (2 << 3) | 2;
    private const uint PolicyTag = (1 << 3) | 2;

    /// <summary>ValueStream with the request side as raw bytes (the same method on the wire).</summary>
    public static readonly Method<byte[], PolicyReserveBatch> ValueStream = new(MethodType.DuplexStreaming, CrvmCalculator.Descriptor.FullName,
        "ValueStream", Marshallers.Create(bytes => bytes, bytes => bytes), Marshallers.Create(m => m.ToByteArray(), PolicyReserveBatch.Parser.ParseFrom));

    /// <summary>The batch messages, in order, each with its count of policies.</summary>
    public static IEnumerable<(byte[] Request, int Policies)> Requests(byte[] batch, int policiesPerRequest)
    {
        var input = new CodedInputStream(batch);
        var start = 0;
        var count = 0;
        while (!input.IsAtEnd)
        {
            var tag = input.ReadTag();
            if (tag != PolicyTag) throw new InvalidDataException($"a stored policy batch holds field tag {tag}, not policies");
            input.SkipLastField();
            count++;
            if (count == policiesPerRequest)
            {
                yield return (Request(batch, start, (int)input.Position), count);
                start = (int)input.Position;
                count = 0;
            }
        }
        if (count > 0) yield return (Request(batch, start, batch.Length), count);
    }

    private static byte[] Request(byte[] batch, int from, int to)
    {
        var length = to - from;
        var prefix = CodedOutputStream.ComputeRawVarint32Size(BatchTag) + CodedOutputStream.ComputeLengthSize(length);
        var request = new byte[prefix + length];
        var output = new CodedOutputStream(request);
        output.WriteTag(BatchTag);
        output.WriteLength(length);
        output.Flush();
        Buffer.BlockCopy(batch, from, request, prefix, length);
        return request;
    }
}
