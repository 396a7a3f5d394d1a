using Microsoft.AspNetCore.Builder;
using Reserves.ServiceHosting;

namespace Reserves.Avr.Service;

/// <summary>Hosts the AVR calculator over gRPC (reflection and health on).</summary>
public static class AvrServiceHost
{
    public static WebApplication Build(GrpcHostOptions options) =>
        GrpcServiceHost.Build(options, _ => { }, app => app.MapGrpcService<AvrCalculatorService>());
}
