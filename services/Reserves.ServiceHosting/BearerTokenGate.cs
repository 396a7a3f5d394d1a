using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Reserves.ServiceHosting;

/// <summary>
/// Refuses every gRPC call without an accepted bearer token (status UNAUTHENTICATED) before its message is read; the
/// standard health service stays open for probes. The tokens file, when configured, is read again at most once a
/// second and applied when its content changed, so a rotated Kubernetes secret takes effect without a restart.
/// </summary>
public sealed class BearerTokenGate(ServerSecurity security)
{
    private const string HealthPrefix = "/grpc.health.v1.Health/";
    private readonly object _gate = new();
    private byte[][] _accepted = Hash(security.Tokens);
    private byte[] _fileFingerprint = [];
    private DateTime _nextCheck = DateTime.MinValue;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments(HealthPrefix.TrimEnd('/'), StringComparison.Ordinal) || Accepts(context.Request.Headers.Authorization.ToString()))
        {
            await next(context);
            return;
        }
        // A trailers-only gRPC response: the status travels in the headers and no message is read.
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = "16";
        context.Response.Headers["grpc-message"] = "a bearer token is required (authorization: Bearer <token>)";
    }

    public bool Accepts(string authorization)
    {
        const string scheme = "Bearer ";
        if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        var offered = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[scheme.Length..].Trim()));
        var accepted = Current();
        var found = false;
        foreach (var token in accepted) found |= CryptographicOperations.FixedTimeEquals(token, offered);
        return found;
    }

    private byte[][] Current()
    {
        if (security.TokensFile is not { } file || DateTime.UtcNow < _nextCheck) return _accepted;
        lock (_gate)
        {
            if (DateTime.UtcNow < _nextCheck) return _accepted;
            _nextCheck = DateTime.UtcNow.AddSeconds(1);
            // The content is compared, not the time stamp: a Kubernetes secret volume swaps a symlinked directory, and
            // the link's own time stamp never changes. A file caught mid-swap keeps the tokens read before.
            try
            {
                var text = File.Exists(file) ? File.ReadAllText(file) : "";
                var fingerprint = SHA256.HashData(Encoding.UTF8.GetBytes(text));
                if (!fingerprint.AsSpan().SequenceEqual(_fileFingerprint))
                {
                    _accepted = Hash([.. security.Tokens, .. ServerSecurity.SplitTokens(text)]);
                    _fileFingerprint = fingerprint;
                }
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
            return _accepted;
        }
    }

    private static byte[][] Hash(IEnumerable<string> tokens) => [.. tokens.Select(t => SHA256.HashData(Encoding.UTF8.GetBytes(t)))];
}
