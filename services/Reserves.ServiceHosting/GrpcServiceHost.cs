using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Reserves.ServiceHosting;

/// <summary>Where a calculator listens: loopback by default; port 0 picks a free port.</summary>
public sealed record GrpcHostOptions(int Port = 0, bool ListenOnAllInterfaces = false, LogLevel MinimumLogLevel = LogLevel.Warning);

/// <summary>
/// A Kestrel host for one gRPC service over cleartext HTTP/2, with server reflection, the standard gRPC health
/// service and the domain error interceptor. Every calculator uses it, so they behave alike.
/// </summary>
public static class GrpcServiceHost
{
    public const int MaxMessageBytes = 64 * 1024 * 1024;

    public static WebApplication Build(GrpcHostOptions options, Action<IServiceCollection> addServices, Action<WebApplication> mapServices,
        Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        configure?.Invoke(builder);
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        builder.WebHost.ConfigureKestrel(k =>
        {
            var address = options.ListenOnAllInterfaces ? IPAddress.Any : IPAddress.Loopback;
            k.Listen(address, options.Port, l => l.Protocols = HttpProtocols.Http2);
        });
        builder.Services.AddGrpc(o =>
        {
            o.Interceptors.Add<DomainErrorInterceptor>();
            o.MaxReceiveMessageSize = MaxMessageBytes;
            o.MaxSendMessageSize = MaxMessageBytes;
        });
        builder.Services.AddGrpcReflection();
        // The process serves as soon as Kestrel accepts calls; calculators hold no connection that could fail.
        builder.Services.AddGrpcHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy());
        addServices(builder.Services);

        var app = builder.Build();
        mapServices(app);
        app.MapGrpcReflectionService();
        app.MapGrpcHealthChecksService();
        return app;
    }

    /// <summary>The address the started host listens on, such as http://127.0.0.1:50123.</summary>
    public static string Address(WebApplication app) =>
        app.Urls.FirstOrDefault()?.Replace("0.0.0.0", "127.0.0.1").Replace("[::]", "127.0.0.1")
        ?? throw new InvalidOperationException("the host has not started");
}
