using System.Security.Cryptography;
using System.Text;

namespace RetouchPlugins.Standalone.Web;

/// <summary>
/// The secret of one launch: 32 random bytes, base64url. The page URL carries it once (?token=…), every API call
/// presents it as `Authorization: Bearer …`. Compared in constant time so response timing does not reveal how
/// much of a guess was right.
/// </summary>
public sealed class AccessToken
{
    private readonly byte[] _bytes;

    public AccessToken(string value)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException("the access token is empty", nameof(value));
        Value = value;
        _bytes = Encoding.UTF8.GetBytes(value);
    }

    public string Value { get; }

    public static AccessToken Random() => new(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_'));

    /// <summary>True when <paramref name="presented"/> is this token (the length is not secret; the content is compared in constant time).</summary>
    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(_bytes, Encoding.UTF8.GetBytes(presented));

    /// <summary>The token of an `Authorization: Bearer …` header value, or null.</summary>
    public static string? FromBearer(string? header)
    {
        const string scheme = "Bearer ";
        return header is not null && header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;
    }
}
