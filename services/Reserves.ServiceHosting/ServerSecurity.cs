namespace Reserves.ServiceHosting;

/// <summary>
/// How a service protects itself: the bearer tokens it accepts (a list, so that keys rotate without downtime: add the
/// new one, move the clients, drop the old one), optionally from a file re-read when it changes (a mounted Kubernetes
/// secret), and a TLS certificate with its key (PEM); without a certificate it serves cleartext HTTP/2.
/// </summary>
public sealed record ServerSecurity(IReadOnlyList<string> Tokens, string? TokensFile = null, string? Certificate = null, string? Key = null)
{
    public static ServerSecurity None { get; } = new([]);

    public bool RequiresToken => Tokens.Count > 0 || TokensFile is not null;

    public static ServerSecurity FromEnvironment() => new(
        SplitTokens(EnvironmentNames.Read(EnvironmentNames.Tokens)),
        EnvironmentNames.Read(EnvironmentNames.TokensFile),
        EnvironmentNames.Read(EnvironmentNames.TlsCertificate),
        EnvironmentNames.Read(EnvironmentNames.TlsKey));

    public static IReadOnlyList<string> SplitTokens(string? text) =>
        text?.Split([',', '\n', '\r'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
}
