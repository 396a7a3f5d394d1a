using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;
using Microsoft.AspNetCore.Builder;
using Reserves.Contracts.Crvm.V1;
using Reserves.ServiceHosting;

namespace Reserves.Crvm.Service.Tests;

/// <summary>
/// The security every service shares (GrpcServiceHost), on the real CRVM service over Kestrel: bearer tokens with
/// rotation, TLS, message limits, malformed messages, and the refusal to listen on every interface without tokens.
/// </summary>
public class ServiceSecurityTests(CrvmServerFixture server) : IClassFixture<CrvmServerFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<WebApplication> StartAsync(GrpcHostOptions options)
    {
        var app = CrvmServiceHost.Build(options, CrvmServerFixture.TableDirectory);
        await app.StartAsync(Cancel);
        return app;
    }

    private static async Task<StatusCode> ListTables(string address, ClientSecurity security)
    {
        using var channel = ServiceChannels.Create(address, security);
        try
        {
            await new CrvmCalculator.CrvmCalculatorClient(channel).ListTablesAsync(new ListTablesRequest(), cancellationToken: Cancel);
            return StatusCode.OK;
        }
        catch (RpcException e) { return e.StatusCode; }
    }

    [Fact]
    public async Task EveryEndpointButHealthRequiresAnAcceptedBearerToken()
    {
        await using var app = await StartAsync(new GrpcHostOptions(Security: new ServerSecurity(["key-one", "key-two"])));
        var address = GrpcServiceHost.Address(app);

        Assert.Equal(StatusCode.Unauthenticated, await ListTables(address, new ClientSecurity()));
        Assert.Equal(StatusCode.Unauthenticated, await ListTables(address, new ClientSecurity("key-three")));
        Assert.Equal(StatusCode.OK, await ListTables(address, new ClientSecurity("key-one")));
        Assert.Equal(StatusCode.OK, await ListTables(address, new ClientSecurity("key-two")));

        using var anonymous = GrpcChannel.ForAddress(address);
        var health = await new Health.HealthClient(anonymous).CheckAsync(new HealthCheckRequest(), cancellationToken: Cancel);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        using var reflection = new ServerReflection.ServerReflectionClient(anonymous).ServerReflectionInfo(cancellationToken: Cancel);
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await reflection.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" }, Cancel);
            await reflection.ResponseStream.MoveNext(Cancel);
        });
        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
    }

    [Fact]
    public async Task TokensFromAMountedSecretRotateWithoutARestart()
    {
        // The layout of a Kubernetes secret volume: tokens -> ..data/tokens, ..data -> a dated directory that the
        // kubelet replaces on an update (the file's own link never changes).
        var volume = Directory.CreateTempSubdirectory().FullName;
        void Publish(string version, string content)
        {
            var dated = Path.Combine(volume, $"..{version}");
            Directory.CreateDirectory(dated);
            File.WriteAllText(Path.Combine(dated, "tokens"), content);
            var data = Path.Combine(volume, "..data");
            if (Path.Exists(data)) File.Delete(data);
            File.CreateSymbolicLink(data, dated);
        }
        Publish("2026_11_23_1", "old-key\n");
        var file = Path.Combine(volume, "tokens");
        File.CreateSymbolicLink(file, Path.Combine("..data", "tokens"));
        await using var app = await StartAsync(new GrpcHostOptions(Security: new ServerSecurity([], file)));
        var address = GrpcServiceHost.Address(app);
        Assert.Equal(StatusCode.OK, await ListTables(address, new ClientSecurity("old-key")));

        // Rotation: both keys for a while, then only the new one.
        Publish("2026_11_23_2", "old-key\nnew-key\n");
        await Eventually(async () => await ListTables(address, new ClientSecurity("new-key")) == StatusCode.OK);
        Assert.Equal(StatusCode.OK, await ListTables(address, new ClientSecurity("old-key")));

        Publish("2026_11_23_3", "new-key\n");
        await Eventually(async () => await ListTables(address, new ClientSecurity("old-key")) == StatusCode.Unauthenticated);
        Assert.Equal(StatusCode.OK, await ListTables(address, new ClientSecurity("new-key")));
    }

    [Fact]
    public async Task AnOversizedMessageIsRejectedAndTheServiceGoesOn()
    {
        await using var app = await StartAsync(new GrpcHostOptions(MaxMessageBytes: 64 * 1024));
        using var channel = GrpcChannel.ForAddress(GrpcServiceHost.Address(app));
        var client = new CrvmCalculator.CrvmCalculatorClient(channel);
        var request = new ValueBlockRequest { ValuationDate = "2012-12-31" };
        request.Bases.AddRange(server.SampleBases.Select(ContractMapping.ToContract));
        request.Policies.AddRange(server.SamplePolicies.Select(ContractMapping.ToContract));
        Assert.True(request.CalculateSize() > 64 * 1024);

        var e = await Assert.ThrowsAsync<RpcException>(() => client.ValueBlockAsync(request, cancellationToken: Cancel).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        var small = request.Clone();
        small.Policies.Clear();
        small.Policies.AddRange(request.Policies.Take(10));
        Assert.Equal(10, (await client.ValueBlockAsync(small, cancellationToken: Cancel)).Reserves.Count);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F })]              // a varint that never ends
    [InlineData(new byte[] { 0x0A, 0x64, 0x31 })]                           // a field longer than the message
    [InlineData(new byte[] { 0x12, 0x05, 0xC3, 0x28, 0xA0, 0xA1, 0xE2 })]   // not UTF-8 where a string belongs
    public async Task AMalformedMessageIsRefusedWithoutCrashingTheService(byte[] garbage)
    {
        using var http = new HttpClient(new SocketsHttpHandler()) { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var frame = new byte[5 + garbage.Length];
        frame[4] = (byte)garbage.Length;                                       // uncompressed, big-endian length
        garbage.CopyTo(frame, 5);
        using var content = new ByteArrayContent(frame);
        content.Headers.ContentType = new("application/grpc");
        using var response = await http.PostAsync($"{server.Address}/reserves.crvm.v1.CrvmCalculator/ValueBlock", content, Cancel);
        await response.Content.ReadAsByteArrayAsync(Cancel);
        var status = response.TrailingHeaders.TryGetValues("grpc-status", out var t) ? t.Single()
            : response.Headers.GetValues("grpc-status").Single();
        Assert.NotEqual("0", status);

        // The service still answers.
        Assert.Equal(StatusCode.OK, await ListTables(server.Address, new ClientSecurity()));
    }

    [Fact]
    public async Task WithACertificateTheServiceSpeaksTlsOnly()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=reserves-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certificatePath = Path.Combine(dir, "tls.crt");
        var keyPath = Path.Combine(dir, "tls.key");
        await File.WriteAllTextAsync(certificatePath, certificate.ExportCertificatePem(), Cancel);
        await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem(), Cancel);

        await using var app = await StartAsync(new GrpcHostOptions(Security: new ServerSecurity(["k"], null, certificatePath, keyPath)));
        var address = GrpcServiceHost.Address(app);
        Assert.StartsWith("https://127.0.0.1:", address);
        Assert.Equal(StatusCode.OK, await ListTables(address, new ClientSecurity("k", certificatePath)));
        Assert.NotEqual(StatusCode.OK, await ListTables(address, new ClientSecurity("k")));                   // untrusted certificate
        Assert.NotEqual(StatusCode.OK, await ListTables(address.Replace("https", "http"), new ClientSecurity("k")));
    }

    [Fact]
    public void ListeningOnEveryInterfaceWithoutTokensIsRefused()
    {
        var e = Assert.Throws<InvalidOperationException>(() => CrvmServiceHost.Build(new GrpcHostOptions(ListenOnAllInterfaces: true), CrvmServerFixture.TableDirectory));
        Assert.Contains(EnvironmentNames.Tokens, e.Message);
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 50; i++)
        {
            if (await condition()) return;
            await Task.Delay(200, Cancel);
        }
        Assert.Fail("the condition did not hold within 10 s");
    }
}
