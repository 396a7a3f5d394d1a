using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Reserves.ServiceHosting;

namespace Reserves.Cli.Tests;

/// <summary>A silo-to-silo certificate and key as PEM files, as an operator makes them (the silos share the
/// pair).</summary>
public static class ClusterCertificate
{
    public static Dictionary<string, string> Write(string directory, IReadOnlyDictionary<string, string> environment)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=reserves-test-silo", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1),
            DateTimeOffset.UtcNow.AddDays(1));
        var certificatePath = Path.Combine(directory, "silo.crt");
        var keyPath = Path.Combine(directory, "silo.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return new Dictionary<string, string>(environment)
        {
            [EnvironmentNames.ClusterCertificate] = certificatePath,
            [EnvironmentNames.ClusterKey] = keyPath,
        };
    }
}
