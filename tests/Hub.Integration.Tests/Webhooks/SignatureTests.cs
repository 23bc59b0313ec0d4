using System.Text;
using Hub.Webhooks;
using Hub.Webhooks.Signing;

namespace Hub.Integration.Tests.Webhooks;

/// <summary>
/// Standard Webhooks signatures. The vectors are the specification's reference-library test vectors:
/// standard-webhooks/standard-webhooks, libraries/csharp/StandardWebhooks.Tests/WebhookTest.cs
/// (<c>verifyWebhookSignWorks</c>, commit 1e88c9c) and libraries/go/webhook_test.go (<c>TestWebhookSign</c>,
/// <c>TestWebhook</c> cases): secret <c>whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw</c>, id
/// <c>msg_p5jXN8AQM9LWM0D4loKWxJek</c>, timestamp 1614265330, payload <c>{"test": 2432232314}</c>.
/// </summary>
public sealed class SignatureTests
{
    private const string VectorSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string VectorId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long VectorTimestamp = 1614265330;
    private const string VectorPayload = "{\"test\": 2432232314}";
    private const string VectorSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes(VectorPayload);
    private static readonly DateTimeOffset VectorTime = DateTimeOffset.FromUnixTimeSeconds(VectorTimestamp);

    [Fact]
    public void Signs_the_specification_vector()
    {
        Assert.Equal(VectorSignature, WebhookSignature.Sign(WebhookSecret.Parse(VectorSecret), VectorId, VectorTimestamp, Payload));
    }

    [Fact]
    public void A_secret_without_the_prefix_signs_the_same()
    {
        Assert.Equal(VectorSignature, WebhookSignature.Sign(WebhookSecret.Parse(VectorSecret["whsec_".Length..]), VectorId, VectorTimestamp, Payload));
    }

    [Fact]
    public void Verifies_the_specification_vector()
    {
        var result = Verify(VectorSignature, VectorTime);
        Assert.True(result.Valid, result.Error);
    }

    [Fact]
    public void Verifies_a_header_with_several_signatures_when_one_matches()
    {
        // The spec's multi-signature case: unknown versions and wrong v1 signatures around the valid one.
        var header = string.Join(' ', "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=", "v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=",
            VectorSignature, "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=");
        Assert.True(Verify(header, VectorTime).Valid);
    }

    [Theory]
    [InlineData("v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=")] // the spec's "invalid signature"
    [InlineData("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLawdd")] // the C# library's tampered one
    [InlineData("v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")] // right bytes, wrong version
    [InlineData("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    public void Refuses_wrong_signatures(string header)
    {
        var result = Verify(header, VectorTime);
        Assert.False(result.Valid);
        Assert.Equal("no matching signature", result.Error);
    }

    [Fact]
    public void Refuses_a_changed_body_id_or_timestamp()
    {
        var secrets = new[] { WebhookSecret.Parse(VectorSecret) };
        Assert.False(WebhookSignature.Verify(secrets, VectorId, VectorTimestamp.ToString(), VectorSignature, Encoding.UTF8.GetBytes("{\"test\": 2432232315}"), VectorTime).Valid);
        Assert.False(WebhookSignature.Verify(secrets, "msg_other", VectorTimestamp.ToString(), VectorSignature, Payload, VectorTime).Valid);
        Assert.False(WebhookSignature.Verify(secrets, VectorId, (VectorTimestamp + 1).ToString(), VectorSignature, Payload, VectorTime).Valid);
    }

    [Theory]
    [InlineData(-301, "timestamp too new")] // the spec libraries' tolerance: 5 minutes either way
    [InlineData(301, "timestamp too old")]
    public void Refuses_a_timestamp_outside_the_tolerance(int receiverAheadBy, string error)
    {
        var result = Verify(VectorSignature, VectorTime.AddSeconds(receiverAheadBy));
        Assert.False(result.Valid);
        Assert.Equal(error, result.Error);
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void Accepts_a_timestamp_at_the_tolerance(int receiverAheadBy) => Assert.True(Verify(VectorSignature, VectorTime.AddSeconds(receiverAheadBy)).Valid);

    [Fact]
    public void Refuses_missing_headers()
    {
        var secrets = new[] { WebhookSecret.Parse(VectorSecret) };
        Assert.Equal("missing webhook-id", WebhookSignature.Verify(secrets, null, VectorTimestamp.ToString(), VectorSignature, Payload, VectorTime).Error);
        Assert.Equal("missing or invalid webhook-timestamp", WebhookSignature.Verify(secrets, VectorId, null, VectorSignature, Payload, VectorTime).Error);
        Assert.Equal("missing or invalid webhook-timestamp", WebhookSignature.Verify(secrets, VectorId, "12a", VectorSignature, Payload, VectorTime).Error);
        Assert.Equal("missing webhook-signature", WebhookSignature.Verify(secrets, VectorId, VectorTimestamp.ToString(), null, Payload, VectorTime).Error);
    }

    [Fact]
    public void The_header_carries_one_signature_per_secret_and_each_verifies_alone()
    {
        var oldSecret = WebhookSecret.Parse(VectorSecret);
        var newSecret = WebhookSecret.Generate();
        var header = WebhookSignature.Header([newSecret, oldSecret], VectorId, VectorTimestamp, Payload);
        var parts = header.Split(' ');
        Assert.Equal(2, parts.Length);
        Assert.Equal(VectorSignature, parts[1]);
        Assert.True(WebhookSignature.Verify([oldSecret], VectorId, VectorTimestamp.ToString(), header, Payload, VectorTime).Valid);
        Assert.True(WebhookSignature.Verify([newSecret], VectorId, VectorTimestamp.ToString(), header, Payload, VectorTime).Valid);
        Assert.False(WebhookSignature.Verify([WebhookSecret.Generate()], VectorId, VectorTimestamp.ToString(), header, Payload, VectorTime).Valid);
    }

    [Theory]
    [InlineData("whsec_")]
    [InlineData("whsec_not base64!")]
    [InlineData("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==")] // 22 bytes: too short
    [InlineData("whsec_QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB")] // 66 bytes: too long
    public void Refuses_malformed_secrets(string text)
    {
        var e = Assert.Throws<WebhookException>(() => WebhookSecret.Parse(text));
        Assert.Equal(WebhookErrorCodes.SecretInvalid, e.Code);
        Assert.Contains("シークレット", e.Message);
    }

    [Fact]
    public void Generated_secrets_round_trip_and_never_print_their_key()
    {
        var secret = WebhookSecret.Generate();
        var text = secret.Reveal();
        Assert.StartsWith("whsec_", text);
        Assert.Equal(32, Convert.FromBase64String(text["whsec_".Length..]).Length);
        Assert.Equal(text, WebhookSecret.Parse(text).Reveal());
        Assert.Equal("whsec_********", secret.ToString());
        Assert.DoesNotContain(text[6..], $"{secret}");
    }

    private static VerificationResult Verify(string header, DateTimeOffset now) =>
        WebhookSignature.Verify([WebhookSecret.Parse(VectorSecret)], VectorId, VectorTimestamp.ToString(), header, Payload, now);
}
