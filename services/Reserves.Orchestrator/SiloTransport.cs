using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace Reserves.Orchestrator;

/// <summary>
/// The certificates of silo-to-silo traffic (docs/security.md, "Orleans ports"): a certificate and key every silo of
/// the cluster holds, and optionally the certificate of the CA that issued the silos' certificates.
/// </summary>
public sealed record SiloTls(string CertificatePath, string KeyPath, string? CaPath = null);

/// <summary>
/// Mutual TLS on the Orleans silo port. Every connection, in and out, must present a certificate: with a CA, one that
/// chains to it; without, the very certificate this silo holds (the cluster shares one). A process without the key
/// cannot complete the handshake, so it cannot join the cluster or send a grain call.
/// </summary>
public static class SiloTransport
{
    /// <summary>A certificate made up for this process alone (the embedded default's single silo).</summary>
    public static X509Certificate2 Ephemeral()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=reserves-embedded-silo", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));
    }

    /// <summary>Reads the configured PEM files; a missing or unreadable file stops the silo with its name.</summary>
    public static (X509Certificate2 Certificate, X509Certificate2? Authority) Load(SiloTls tls)
    {
        try
        {
            var certificate = X509Certificate2.CreateFromPemFile(tls.CertificatePath, tls.KeyPath);
            var authority = tls.CaPath is null ? null : X509Certificate2.CreateFromPem(File.ReadAllText(tls.CaPath));
            return (certificate, authority);
        }
        catch (Exception e) when (e is IOException or CryptographicException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"the cluster certificate could not be read ({e.Message})", e);
        }
    }

    public static void UseMutualTls(ISiloBuilder silo, X509Certificate2 certificate, X509Certificate2? authority) =>
        silo.UseTls(certificate, options =>
        {
            options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            options.RemoteCertificateValidation = (remote, _, _) => Trusted(remote, certificate, authority);
            options.HandshakeTimeout = TimeSpan.FromSeconds(5);
        });

    /// <summary>Whether a peer's certificate is a silo's (names are not checked: silos dial pod IPs).</summary>
    public static bool Trusted(X509Certificate2 remote, X509Certificate2 own, X509Certificate2? authority)
    {
        if (authority is null) return remote.RawDataMemory.Span.SequenceEqual(own.RawDataMemory.Span);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(remote);
    }
}
