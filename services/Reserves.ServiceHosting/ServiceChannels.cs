using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Balancer;
using Grpc.Net.Client.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Reserves.ServiceHosting;

/// <summary>What a client presents and trusts: the bearer token it sends, and a CA certificate (PEM) for TLS servers
/// whose certificate the system does not trust (a private CA).</summary>
public sealed record ClientSecurity(string? Token = null, string? TrustedCertificate = null)
{
    public static ClientSecurity FromEnvironment() => new(EnvironmentNames.Read(EnvironmentNames.Token), EnvironmentNames.Read(EnvironmentNames.TlsCa));
}

/// <summary>
/// gRPC channels to our services. An address is http(s)://host:port, a comma-separated list of them (calls are
/// balanced round-robin and move to the live instances when one is lost), or dns:///host:port (every address the
/// name resolves to, as a Kubernetes headless Service gives). Calls that find a service unavailable are retried with
/// exponential backoff; the bearer token goes with every call.
/// </summary>
public static class ServiceChannels
{
    public static GrpcChannel Create(string address, ClientSecurity security, int maxReceiveBytes = GrpcServiceHost.MaxMessageBytes,
        int maxSendBytes = GrpcServiceHost.MaxMessageBytes)
    {
        var addresses = address.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (addresses.Length == 0) throw new ArgumentException("no service address given");
        // dns:/// names no scheme: TLS there when the client was given a CA to trust.
        var secure = addresses.Any(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            || (security.TrustedCertificate is not null && addresses.Any(a => a.StartsWith("dns:", StringComparison.OrdinalIgnoreCase)));
        var options = new GrpcChannelOptions
        {
            MaxReceiveMessageSize = maxReceiveBytes,
            MaxSendMessageSize = maxSendBytes,
            ServiceConfig = new ServiceConfig
            {
                LoadBalancingConfigs = { new RoundRobinConfig() },
                MethodConfigs =
                {
                    new MethodConfig
                    {
                        Names = { MethodName.Default },
                        RetryPolicy = new RetryPolicy
                        {
                            MaxAttempts = 5,
                            InitialBackoff = TimeSpan.FromMilliseconds(200),
                            MaxBackoff = TimeSpan.FromSeconds(3),
                            BackoffMultiplier = 2,
                            RetryableStatusCodes = { StatusCode.Unavailable },
                        },
                    },
                },
            },
            HttpHandler = Handler(security.TrustedCertificate),
        };
        var channelCredentials = secure ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure;
        if (security.Token is { Length: > 0 } token)
        {
            var callCredentials = CallCredentials.FromInterceptor((_, metadata) =>
            {
                metadata.Add("authorization", "Bearer " + token);
                return Task.CompletedTask;
            });
            channelCredentials = ChannelCredentials.Create(channelCredentials, callCredentials);
            // Plain-text channels carry the token too: inside a cluster network TLS may be terminated elsewhere.
            options.UnsafeUseInsecureChannelCallCredentials = !secure;
        }
        options.Credentials = channelCredentials;

        if (addresses.Length == 1 && addresses[0].StartsWith("dns:", StringComparison.OrdinalIgnoreCase))
        {
            // A headless Service: look the name up again every 30 s, so that pods added by the autoscaler take calls.
            var resolvers = new ServiceCollection();
            resolvers.AddSingleton<ResolverFactory>(new DnsResolverFactory(TimeSpan.FromSeconds(30)));
            options.ServiceProvider = resolvers.BuildServiceProvider();
            return GrpcChannel.ForAddress(addresses[0], options);
        }
        if (addresses.Length == 1) return GrpcChannel.ForAddress(addresses[0], options);
        var endpoints = addresses.Select(a => new Uri(a)).Select(u => new BalancerAddress(u.Host, u.Port)).ToArray();
        var services = new ServiceCollection();
        services.AddSingleton<ResolverFactory>(new StaticResolverFactory(_ => endpoints));
        options.ServiceProvider = services.BuildServiceProvider();
        return GrpcChannel.ForAddress("static:///instances", options);
    }

    private static SocketsHttpHandler Handler(string? trustedCertificate)
    {
        // Keep-alive pings keep a long, quiet call (watching a run that waits for its workers) from being cut as idle.
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
        };
        if (trustedCertificate is not null)
        {
            var authority = X509Certificate2.CreateFromPem(File.ReadAllText(trustedCertificate));
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (errors == System.Net.Security.SslPolicyErrors.None) return true;
                if (certificate is null) return false;
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(authority);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData())) && (errors & System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch) == 0;
            };
        }
        return handler;
    }
}
