using Microsoft.AspNetCore.Builder;
using Reserves.ServiceHosting;

namespace Reserves.Imr.Service;

/// <summary>Hosts the IMR calculator over gRPC (reflection and health on).</summary>
public static class ImrServiceHost
{
    public static WebApplication Build(GrpcHostOptions options) =>
        GrpcServiceHost.Build(options, _ => { }, app => app.MapGrpcService<ImrCalculatorService>());
}
