using Hub.Storage;
using Hub.Storage.Blobs;

namespace Hub.Integration.Tests.Storage;

/// <summary>
/// The user delegation string-to-sign and token, without a service (Azurite verifies real ones in UserDelegationSasTests).
/// Field positions follow "Create a user delegation SAS" (version 2020-12-06 and later) in the Azure Storage REST
/// reference, as the Java SDK's string-to-sign tests state them; the two signature vectors were computed with Azurite
/// 3.35's own verifier (<c>generateBlobSASSignatureWithUDK</c>), an implementation independent of this one.
/// </summary>
public sealed class UserDelegationSasBuilderTests
{
    private const string Account = "sthubprod";

    private static readonly UserDelegationKey Key = new()
    {
        SignedObjectId = "0b1e55ed-0000-4000-8000-000000000001",
        SignedTenantId = "72f988bf-0000-4000-8000-00000000a2e1",
        SignedStartsOn = new DateTimeOffset(2026, 11, 20, 23, 55, 0, TimeSpan.Zero),
        SignedExpiresOn = new DateTimeOffset(2026, 11, 27, 23, 55, 0, TimeSpan.Zero),
        SignedService = "b",
        SignedVersion = "2025-11-05",
        Value = "KC6DjBl7Y8Q2KQP4Cj9NFgOT0UF150GUU017nAZSoJU=",
    };

    private static readonly DateTimeOffset Expiry = new(2026, 11, 22, 9, 0, 0, TimeSpan.FromHours(9)); // 2026-11-22T00:00:00Z

    [Fact]
    public void Vector_blob_link_with_every_common_field_matches_azurite()
    {
        var builder = new BlobSasBuilder(BlobSasPermissions.Read, new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.FromHours(9)))
        {
            BlobContainerName = "notices",
            BlobName = "E0001/M0001/通知 1.pdf",
            StartsOn = new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero),
            IPRange = "203.0.113.0-203.0.113.255",
            Protocol = SasProtocol.Https,
            Version = "2025-05-05",
            ContentDisposition = "attachment; filename=notice.pdf",
            ContentType = "application/pdf",
        };
        var sas = builder.ToSasQueryParameters(Key, Account, out var stringToSign);
        Assert.Equal(
            "r\n2026-11-21T00:00:00Z\n2026-11-27T23:00:00Z\n/blob/sthubprod/notices/E0001/M0001/通知 1.pdf\n" +
            "0b1e55ed-0000-4000-8000-000000000001\n72f988bf-0000-4000-8000-00000000a2e1\n2026-11-20T23:55:00Z\n2026-11-27T23:55:00Z\nb\n2025-11-05\n" +
            "\n\n\n203.0.113.0-203.0.113.255\nhttps\n2025-05-05\nb\n\n\n\nattachment; filename=notice.pdf\n\n\napplication/pdf",
            stringToSign);
        Assert.Equal("q4xdZaZfpIWRKk9dp9gqdDetO7P09YQ7KsUFZiLKNf0=", sas.Signature);
    }

    [Fact]
    public void Vector_container_upload_link_at_2025_07_05_has_the_two_delegated_user_fields()
    {
        var builder = new BlobSasBuilder(BlobContainerSasPermissions.Create | BlobContainerSasPermissions.Write,
            new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero))
        {
            BlobContainerName = "submissions",
            Version = "2025-07-05",
        };
        var sas = builder.ToSasQueryParameters(Key, Account, out var stringToSign);
        Assert.Equal(26, stringToSign.Split('\n').Length);
        Assert.Equal("c+FNSBGL+bdf0AnWzB2SDQA6+5s0VbvbFYbiHvhSYzM=", sas.Signature);
    }

    /// <summary>Field changes by name (names as in the REST reference).</summary>
    private static readonly Dictionary<string, Action<BlobSasBuilder>> Changes = new()
    {
        ["signedPermissions"] = b => b.SetPermissions(BlobSasPermissions.Read | BlobSasPermissions.Write),
        ["signedStart"] = b => b.StartsOn = Expiry.AddHours(-2),
        ["signedExpiry"] = b => b.ExpiresOn = Expiry.AddSeconds(1.9),
        ["canonicalizedResource"] = b => b.BlobName = null,
        ["signedAuthorizedUserObjectId"] = b => b.PreauthorizedAgentObjectId = "saoid",
        ["signedCorrelationId"] = b => b.CorrelationId = "cid",
        ["signedIP"] = b => b.IPRange = "ip",
        ["signedProtocol"] = b => b.Protocol = SasProtocol.HttpsAndHttp,
        ["signedVersion"] = b => b.Version = "2021-08-06",
        ["signedResource"] = b => b.BlobName = null,
        ["rscc"] = b => b.CacheControl = "control",
        ["rscd"] = b => b.ContentDisposition = "disposition",
        ["rsce"] = b => b.ContentEncoding = "encoding",
        ["rscl"] = b => b.ContentLanguage = "language",
        ["rsct"] = b => b.ContentType = "type",
    };

    /// <summary>Where each field sits in the 24-field string-to-sign (versions 2020-12-06 to 2025-05-05).</summary>
    [Theory]
    [InlineData("signedPermissions", 0, "rw")]
    [InlineData("signedStart", 1, "2026-11-21T22:00:00Z")]
    [InlineData("signedExpiry", 2, "2026-11-22T00:00:01Z")]
    [InlineData("canonicalizedResource", 3, "/blob/sthubprod/c")]
    [InlineData("signedAuthorizedUserObjectId", 10, "saoid")]
    [InlineData("signedCorrelationId", 12, "cid")]
    [InlineData("signedIP", 13, "ip")]
    [InlineData("signedProtocol", 14, "https,http")]
    [InlineData("signedVersion", 15, "2021-08-06")]
    [InlineData("signedResource", 16, "c")]
    [InlineData("rscc", 19, "control")]
    [InlineData("rscd", 20, "disposition")]
    [InlineData("rsce", 21, "encoding")]
    [InlineData("rscl", 22, "language")]
    [InlineData("rsct", 23, "type")]
    public void Each_field_has_its_documented_place(string field, int index, string value)
    {
        var builder = Baseline();
        builder.Protocol = SasProtocol.None;
        Changes[field](builder);
        builder.ToSasQueryParameters(Key, Account, out var stringToSign);
        var fields = stringToSign.Split('\n');
        Assert.Equal(24, fields.Length);
        Assert.True(value == fields[index], $"{field}: expected '{value}' at {index}, got '{fields[index]}' in {string.Join('|', fields)}");
        // The key's six fields always follow the resource; unused fields stay empty.
        Assert.Equal([Key.SignedObjectId, Key.SignedTenantId, "2026-11-20T23:55:00Z", "2026-11-27T23:55:00Z", "b", "2025-11-05"], fields[4..10]);
        Assert.Equal("", fields[11]); // suoid: hierarchical namespace only
        Assert.Equal(("", ""), (fields[17], fields[18])); // snapshot time, encryption scope
        // And the value went nowhere else: every field the baseline leaves empty is still empty.
        int[] filledByBaseline = [0, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, index];
        Assert.All(Enumerable.Range(0, 24).Except(filledByBaseline), i => Assert.Equal("", fields[i]));
    }

    [Fact]
    public void From_2025_07_05_two_empty_fields_follow_the_correlation_id()
    {
        var before = Baseline();
        before.CorrelationId = "cid";
        before.ToSasQueryParameters(Key, Account, out var old);
        var after = Baseline();
        after.CorrelationId = "cid";
        after.Version = "2025-07-05";
        after.ToSasQueryParameters(Key, Account, out var current);
        var (o, c) = (old.Split('\n'), current.Split('\n'));
        Assert.Equal(o[..13], c[..13]);
        Assert.Equal(("cid", "", ""), (c[12], c[13], c[14]));
        Assert.Equal(o[13..15], c[15..17]); // signedIP, signedProtocol moved down by two
        Assert.Equal("2025-07-05", c[17]);
    }

    [Fact]
    public void The_token_carries_the_key_fields_and_no_stored_policy()
    {
        var sas = Baseline().ToSasQueryParameters(Key, Account);
        var query = System.Web.HttpUtility.ParseQueryString(sas.ToString());
        Assert.Equal(Key.SignedObjectId, query["skoid"]);
        Assert.Equal(Key.SignedTenantId, query["sktid"]);
        Assert.Equal("2026-11-20T23:55:00Z", query["skt"]);
        Assert.Equal("2026-11-27T23:55:00Z", query["ske"]);
        Assert.Equal("b", query["sks"]);
        Assert.Equal("2025-11-05", query["skv"]);
        Assert.Equal(("b", "r", "https"), (query["sr"], query["sp"], query["spr"]));
        Assert.Null(query["si"]);
        Assert.Null(query["saoid"]);
        Assert.Equal(sas.Signature, query["sig"]);
        Assert.Equal((Key.SignedObjectId, Key.SignedExpiresOn), (sas.KeyObjectId, sas.KeyExpiresOn));

        var withIds = Baseline();
        withIds.CorrelationId = "5f0c9a1e-0000-4000-8000-000000000042";
        var correlated = System.Web.HttpUtility.ParseQueryString(withIds.ToSasQueryParameters(Key, Account).ToString());
        Assert.Equal(withIds.CorrelationId, correlated["scid"]);

        // A service SAS has none of them.
        var service = Baseline().ToSasQueryParameters(new StorageSharedKeyCredential(Account, Key.Value)).ToString();
        Assert.DoesNotContain("skoid=", service, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_signed_field_and_the_key_change_the_signature()
    {
        var baseline = Baseline().ToSasQueryParameters(Key, Account).Signature;
        var builderChanges = new Action<BlobSasBuilder>[]
        {
            b => b.SetPermissions(BlobSasPermissions.Read | BlobSasPermissions.Write),
            b => b.ExpiresOn = Expiry.AddSeconds(-1),
            b => b.StartsOn = Expiry.AddHours(-1),
            b => b.BlobName = "other.pdf",
            b => b.BlobContainerName = "d",
            b => b.Protocol = SasProtocol.HttpsAndHttp,
            b => b.IPRange = "203.0.113.1",
            b => b.Version = "2021-08-06",
            b => b.CorrelationId = "cid",
            b => b.PreauthorizedAgentObjectId = "agent",
            b => b.CacheControl = "no-store",
            b => b.ContentDisposition = "attachment",
            b => b.ContentEncoding = "gzip",
            b => b.ContentLanguage = "ja",
            b => b.ContentType = "application/pdf",
        };
        foreach (var change in builderChanges)
        {
            var builder = Baseline();
            change(builder);
            Assert.NotEqual(baseline, builder.ToSasQueryParameters(Key, Account).Signature);
        }
        var keyChanges = new Func<UserDelegationKey, UserDelegationKey>[]
        {
            k => With(k, oid: "0b1e55ed-0000-4000-8000-000000000002"),
            k => With(k, tid: "72f988bf-0000-4000-8000-00000000a2e2"),
            k => With(k, start: k.SignedStartsOn.AddSeconds(-1)),
            k => With(k, expiry: k.SignedExpiresOn.AddSeconds(1)),
            k => With(k, version: "2025-05-05"),
            k => With(k, value: Convert.ToBase64String(new byte[32])),
        };
        foreach (var change in keyChanges)
            Assert.NotEqual(baseline, Baseline().ToSasQueryParameters(change(Key), Account).Signature);
        Assert.NotEqual(baseline, Baseline().ToSasQueryParameters(Key, "otheraccount").Signature);
        Assert.Equal(baseline, Baseline().ToSasQueryParameters(Key, Account).Signature); // deterministic
    }

    [Fact]
    public void A_sas_may_not_outlive_its_key_and_the_key_must_be_complete()
    {
        var tooLong = Baseline();
        tooLong.ExpiresOn = Key.SignedExpiresOn.AddSeconds(1);
        var e = Assert.Throws<ArgumentException>(() => tooLong.ToSasQueryParameters(Key, Account));
        Assert.Equal(BlobErrors.SasInvalid, e.Data[BlobErrors.CodeKey]);
        Assert.Contains("ユーザー委任キー", e.Message, StringComparison.Ordinal);

        var exactly = Baseline();
        exactly.ExpiresOn = Key.SignedExpiresOn.AddMilliseconds(999); // signed to the second: the same instant
        Assert.Equal(Key.SignedExpiresOn, exactly.ToSasQueryParameters(Key, Account).ExpiresOn);

        foreach (var bad in new[] { With(Key, value: "not base64!"), With(Key, oid: ""), With(Key, expiry: Key.SignedStartsOn) })
        {
            var refused = Assert.Throws<ArgumentException>(() => Baseline().ToSasQueryParameters(bad, Account));
            Assert.Equal(BlobErrors.SasInvalid, refused.Data[BlobErrors.CodeKey]);
        }
        Assert.Throws<ArgumentNullException>(() => Baseline().ToSasQueryParameters((UserDelegationKey)null!, Account));
        Assert.Throws<ArgumentException>(() => Baseline().ToSasQueryParameters(Key, ""));
        var old = Baseline();
        old.Version = "2020-02-10";
        Assert.Equal(BlobErrors.SasInvalid, Assert.Throws<ArgumentException>(() => old.ToSasQueryParameters(Key, Account)).Data[BlobErrors.CodeKey]);
    }

    [Fact]
    public void The_key_never_shows_its_value()
    {
        Assert.DoesNotContain(Key.Value, Key.ToString(), StringComparison.Ordinal);
        Assert.Contains(Key.SignedObjectId, Key.ToString(), StringComparison.Ordinal);
    }

    private static BlobSasBuilder Baseline() => new(BlobSasPermissions.Read, Expiry) { BlobContainerName = "c", BlobName = "b.pdf" };

    private static UserDelegationKey With(UserDelegationKey k, string? oid = null, string? tid = null, DateTimeOffset? start = null,
        DateTimeOffset? expiry = null, string? version = null, string? value = null) => new()
    {
        SignedObjectId = oid ?? k.SignedObjectId,
        SignedTenantId = tid ?? k.SignedTenantId,
        SignedStartsOn = start ?? k.SignedStartsOn,
        SignedExpiresOn = expiry ?? k.SignedExpiresOn,
        SignedService = k.SignedService,
        SignedVersion = version ?? k.SignedVersion,
        Value = value ?? k.Value,
    };
}
