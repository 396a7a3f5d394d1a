using System.Security.Cryptography;
using Google.Protobuf;

namespace Reserves.Contracts.Valuation.V1;

/// <summary>
/// The HMAC of a shard submission under its run's shard secret: HMAC-SHA256 of the request's protobuf encoding with
/// the signature field empty (Google.Protobuf writes fields in number order, so the worker and the front door encode
/// the same message to the same bytes).
/// </summary>
public static class ShardSignature
{
    public const int MinSecretBytes = 32;
    public const int MaxSecretBytes = 64;

    /// <summary>A new random shard secret.</summary>
    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(MinSecretBytes);

    /// <summary>What the signature covers: the request's encoding with the signature field empty.</summary>
    public static byte[] Unsigned(SubmitShardRequest request)
    {
        var unsigned = request.Clone();
        unsigned.Signature = ByteString.Empty;
        return unsigned.ToByteArray();
    }

    /// <summary>Signs the request in place.</summary>
    public static SubmitShardRequest Sign(ReadOnlySpan<byte> secret, SubmitShardRequest request)
    {
        request.Signature = ByteString.CopyFrom(HMACSHA256.HashData(secret, Unsigned(request)));
        return request;
    }

    /// <summary>Whether a signature is the HMAC of the unsigned bytes under the secret (compared in constant
    /// time).</summary>
    public static bool Verify(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> unsigned, ReadOnlySpan<byte> signature) =>
        signature.Length == 32 && CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(secret, unsigned),
            signature);

    /// <summary>Reads a shard secret file: the secret as hexadecimal text (what `reserves run` writes).</summary>
    public static byte[] ReadFile(string path)
    {
        var text = File.ReadAllText(path).Trim();
        try
        {
            var secret = Convert.FromHexString(text);
            if (secret.Length is >= MinSecretBytes and <= MaxSecretBytes) return secret;
        }
        catch (FormatException)
        {
            // Reported below without the file's content.
        }
        throw new InvalidDataException($"{Path.GetFileName(path)} does not hold a shard secret "
            + $"({MinSecretBytes}-{MaxSecretBytes} bytes as hexadecimal)");
    }
}
