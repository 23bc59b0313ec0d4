using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core.Pipeline;

namespace Hub.Testing;

/// <summary>
/// A self-signed TLS certificate for <c>127.0.0.1</c>/<c>localhost</c>, made in memory for a test server, and HTTP
/// handlers that trust exactly this certificate (a custom root; the host name is still checked). Nothing is added to
/// the machine's trust store and validation is never switched off.
/// </summary>
public sealed class LoopbackCertificate
{
    private LoopbackCertificate(X509Certificate2 certificate, string privateKeyPem)
    {
        Certificate = certificate;
        PrivateKeyPem = privateKeyPem;
    }

    /// <summary>The certificate (public part).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The PKCS#8 private key, PEM.</summary>
    public string PrivateKeyPem { get; }

    /// <summary>Creates a fresh certificate valid from yesterday for 30 days.</summary>
    public static LoopbackCertificate Create()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1, O=Hub tests", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // server authentication
        using var withKey = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var publicOnly = X509CertificateLoader.LoadCertificate(withKey.RawData);
        return new LoopbackCertificate(publicOnly, rsa.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>Writes <c>cert.pem</c> and <c>key.pem</c> into <paramref name="folder"/> and returns their paths.</summary>
    public (string CertPath, string KeyPath) WritePem(string folder)
    {
        var certPath = Path.Combine(folder, "cert.pem");
        var keyPath = Path.Combine(folder, "key.pem");
        File.WriteAllText(certPath, Certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, PrivateKeyPem);
        return (certPath, keyPath);
    }

    /// <summary>A handler that trusts this certificate as its only root (for <see cref="HttpClient"/>).</summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                CustomTrustStore = { Certificate },
                RevocationMode = X509RevocationMode.NoCheck,
            },
        },
    };

    /// <summary>An <see cref="HttpClient"/> that trusts this certificate.</summary>
    public HttpClient CreateHttpClient() => new(CreateHandler());

    /// <summary>An Azure.Core transport that trusts this certificate (for <c>StorageClientOptions.Transport</c>).</summary>
    public HttpClientTransport CreateTransport() => new(CreateHandler());
}
