namespace Reserves.ServiceHosting;

/// <summary>
/// Environment variables the services read (what containers and Kubernetes manifests set). Each one stands in for the
/// command-line option named beside it; an option given on the command line wins.
/// </summary>
public static class EnvironmentNames
{
    /// <summary>--postgres: Npgsql connection string; selects cluster mode.</summary>
    public const string Postgres = "RESERVES_POSTGRES";
    /// <summary>--cluster-id: silos with the same id form one cluster.</summary>
    public const string ClusterId = "RESERVES_CLUSTER_ID";
    /// <summary>--advertise: the address other silos reach this one at (the pod IP).</summary>
    public const string AdvertisedAddress = "RESERVES_ADVERTISED_ADDRESS";
    /// <summary>--tokens-file: accepted bearer tokens, one per line (a mounted secret; re-read when it changes).</summary>
    public const string TokensFile = "RESERVES_TOKENS_FILE";
    /// <summary>--tokens: accepted bearer tokens, comma-separated.</summary>
    public const string Tokens = "RESERVES_TOKENS";
    /// <summary>--token: the bearer token this process sends to other services.</summary>
    public const string Token = "RESERVES_TOKEN";
    /// <summary>--tls-certificate: PEM certificate chain; TLS is on when it is set.</summary>
    public const string TlsCertificate = "RESERVES_TLS_CERTIFICATE";
    /// <summary>--tls-key: PEM private key of the certificate.</summary>
    public const string TlsKey = "RESERVES_TLS_KEY";
    /// <summary>--tls-ca: PEM certificate of a private CA that clients trust for our TLS services.</summary>
    public const string TlsCa = "RESERVES_TLS_CA";
    /// <summary>--cluster-certificate: PEM certificate of silo-to-silo mutual TLS (cluster mode).</summary>
    public const string ClusterCertificate = "RESERVES_CLUSTER_CERTIFICATE";
    /// <summary>--cluster-key: PEM private key of the cluster certificate.</summary>
    public const string ClusterKey = "RESERVES_CLUSTER_KEY";
    /// <summary>--cluster-ca: PEM certificate of the CA that issued the silos' certificates (optional).</summary>
    public const string ClusterCa = "RESERVES_CLUSTER_CA";
    /// <summary>--shard-secret-file: the shard secret of a run with external shards (hexadecimal), for its
    /// workers.</summary>
    public const string ShardSecretFile = "RESERVES_SHARD_SECRET_FILE";
    /// <summary>--inputs-root: the directory whose files runs may name by path (default: none, uploads only).</summary>
    public const string InputsRoot = "RESERVES_INPUTS_ROOT";
    /// <summary>--tables: mortality table directory.</summary>
    public const string Tables = "RESERVES_TABLES";

    public static IReadOnlyList<string> All { get; } = [Postgres, ClusterId, AdvertisedAddress, TokensFile, Tokens,
        Token, TlsCertificate, TlsKey, TlsCa,
        ClusterCertificate, ClusterKey, ClusterCa, ShardSecretFile, InputsRoot, Tables];

    public static string? Read(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
