using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Reserves.ServiceHosting;

/// <summary>Where a service listens (loopback by default; port 0 picks a free port) and how it protects itself.</summary>
public sealed record GrpcHostOptions(int Port = 0, bool ListenOnAllInterfaces = false, LogLevel MinimumLogLevel = LogLevel.Warning,
    ServerSecurity? Security = null, int MaxMessageBytes = GrpcServiceHost.MaxMessageBytes);

/// <summary>
/// A Kestrel host for one gRPC service over HTTP/2 (TLS when a certificate is configured, else cleartext), with server
/// reflection, the standard gRPC health service, the bearer-token gate, message size limits and the domain error
/// interceptor. Every service uses it, so they behave alike.
/// </summary>
public static class GrpcServiceHost
{
    public const int MaxMessageBytes = 64 * 1024 * 1024;

    public static WebApplication Build(GrpcHostOptions options, Action<IServiceCollection> addServices, Action<WebApplication> mapServices,
        Action<WebApplicationBuilder>? configure = null)
    {
        var security = options.Security ?? ServerSecurity.None;
        if (options.ListenOnAllInterfaces && !security.RequiresToken)
            throw new InvalidOperationException(
                $"refusing to listen on every interface without bearer tokens: set {EnvironmentNames.Tokens} or {EnvironmentNames.TokensFile} (or --tokens / --tokens-file)");
        var builder = WebApplication.CreateSlimBuilder();
        configure?.Invoke(builder);
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        builder.WebHost.ConfigureKestrel(k =>
        {
            var address = options.ListenOnAllInterfaces ? IPAddress.Any : IPAddress.Loopback;
            k.Limits.Http2.MaxStreamsPerConnection = 256;
            // The one limit is gRPC's per message (MaxMessageBytes, RESOURCE_EXHAUSTED): Kestrel's own 30,000,000-byte
            // request body default made unary calls between about 28.6 MiB and 64 MiB fail with UNKNOWN.
            k.Limits.MaxRequestBodySize = null;
            k.Listen(address, options.Port, l =>
            {
                l.Protocols = HttpProtocols.Http2;
                if (security.Certificate is { } certificate) l.UseHttps(X509Certificate2.CreateFromPemFile(certificate, security.Key));
            });
        });
        builder.Services.AddGrpc(o =>
        {
            o.Interceptors.Add<DomainErrorInterceptor>();
            o.MaxReceiveMessageSize = options.MaxMessageBytes;
            o.MaxSendMessageSize = options.MaxMessageBytes;
        });
        builder.Services.AddGrpcReflection();
        // Alive as soon as Kestrel accepts calls; ready when the service's own IReadiness (if any) says so.
        builder.Services.AddGrpcHealthChecks(o =>
            {
                o.Services.Map(HealthServices.Live, r => r.Name == "self");
                o.Services.Map(HealthServices.Ready, _ => true);
            })
            .AddCheck("self", () => HealthCheckResult.Healthy())
            .AddCheck<ReadinessCheck>(HealthServices.Ready);
        addServices(builder.Services);

        var app = builder.Build();
        if (security.RequiresToken)
        {
            var gate = new BearerTokenGate(security);
            app.Use(gate.InvokeAsync);
        }
        mapServices(app);
        app.MapGrpcReflectionService();
        app.MapGrpcHealthChecksService();
        return app;
    }

    /// <summary>The address the started host listens on, such as http://127.0.0.1:50123 (https:// with TLS).</summary>
    public static string Address(WebApplication app) =>
        app.Urls.FirstOrDefault()?.Replace("0.0.0.0", "127.0.0.1").Replace("[::]", "127.0.0.1")
        ?? throw new InvalidOperationException("the host has not started");
}
