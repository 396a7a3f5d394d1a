using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Reserves.Actuarial.Reserves;
using Reserves.Actuarial.Tables;
using Reserves.ServiceHosting;

namespace Reserves.Crvm.Service;

/// <summary>Hosts the CRVM calculator over gRPC (reflection and health on).</summary>
public static class CrvmServiceHost
{
    public static WebApplication Build(GrpcHostOptions options, string? tableDirectory) =>
        GrpcServiceHost.Build(options,
            services => services.AddSingleton(new BlockValuation(new TableLibrary(tableDirectory))),
            app => app.MapGrpcService<CrvmCalculatorService>());
}
