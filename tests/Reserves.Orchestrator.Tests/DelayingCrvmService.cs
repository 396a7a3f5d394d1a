using Grpc.Core;
using Reserves.Actuarial.Reserves;
using Reserves.Contracts.Crvm.V1;
using Reserves.Crvm.Service;

namespace Reserves.Orchestrator.Tests;

/// <summary>
/// The real CRVM calculator, except that a stream whose basis id starts with "SLOW" waits before answering: the time a
/// large shard takes, so that a test can act while segments are still running.
/// </summary>
public sealed class DelayingCrvmService(BlockValuation valuation) : CrvmCalculator.CrvmCalculatorBase
{
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(3);
    private readonly CrvmCalculatorService _real = new(valuation);

    public override Task<ValueBlockResponse> ValueBlock(ValueBlockRequest request, ServerCallContext context) => _real.ValueBlock(request, context);

    public override async Task ValueStream(IAsyncStreamReader<ValueStreamRequest> requestStream, IServerStreamWriter<PolicyReserveBatch> responseStream,
        ServerCallContext context)
    {
        var buffered = new List<ValueStreamRequest>();
        await foreach (var message in requestStream.ReadAllAsync(context.CancellationToken)) buffered.Add(message);
        if (buffered.FirstOrDefault()?.Header?.Bases.FirstOrDefault()?.Id.StartsWith("SLOW", StringComparison.Ordinal) == true)
            await Task.Delay(Delay, context.CancellationToken);
        await _real.ValueStream(new Replay(buffered), responseStream, context);
    }

    private sealed class Replay(List<ValueStreamRequest> messages) : IAsyncStreamReader<ValueStreamRequest>
    {
        private int _next = -1;
        public ValueStreamRequest Current => messages[_next];
        public Task<bool> MoveNext(CancellationToken cancellationToken) => Task.FromResult(++_next < messages.Count);
    }
}
