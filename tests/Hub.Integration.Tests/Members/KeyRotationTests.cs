using System.Security.Cryptography;
using Hub.Core.Configuration;
using Hub.Core.Members;
using Hub.Core.Security;
using Hub.Domain.Identifiers;

namespace Hub.Integration.Tests.Members;

/// <summary>My Numbers at rest: AES-256-GCM round trip through registration, and key rotation with two keys.</summary>
[Collection(MemberStorageFixture.Collection.Name)]
public sealed class KeyRotationTests(MemberStorageFixture fixture)
{
    private static readonly DateOnly Today = new(2026, 11, 21);

    [Fact]
    public async Task Old_ciphertexts_decrypt_with_two_keys_rotation_re_encrypts_and_dropping_the_old_key_breaks_only_unrotated_rows()
    {
        var oldKeys = fixture.Settings["Hub__MyNumber__Keys"];
        var oldKeyId = fixture.Settings["Hub__MyNumber__ActiveKey"];
        var newKey = "k" + Guid.NewGuid().ToString("N")[..8];
        var newKeyEntry = $"{newKey}:{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}";

        var before = await fixture.CreateAsync(Today);
        var other = await fixture.CreateAsync(Today);
        var (n1, n2, n3, n4) = (MemberTestData.NewMyNumber(), MemberTestData.NewMyNumber(), MemberTestData.NewMyNumber(), MemberTestData.NewMyNumber());
        await before.RegisterAsync(MemberTestData.Enroll(before.Employer, "K1", n1));
        await before.RegisterAsync(MemberTestData.Enroll(before.Employer, "K2", n2));
        await other.RegisterAsync(MemberTestData.Enroll(other.Employer, "K3", n3));
        var m1 = MemberIds.ForInsured(before.Employer, "K1");
        var m2 = MemberIds.ForInsured(before.Employer, "K2");
        var m3 = MemberIds.ForInsured(other.Employer, "K3");
        var m4 = MemberIds.ForInsured(before.Employer, "K4");
        var original1 = (await before.Pipeline.Store.FindAsync(m1))!.ProtectedMyNumber!;
        Assert.Equal(oldKeyId, MyNumberProtector.KeyIdOf(original1));

        // Both keys configured, the new one active: everything still decrypts, new numbers use the new key.
        var both = await fixture.CreateAsync(Today, new Dictionary<string, string>
        {
            ["Hub__MyNumber__Keys"] = $"{oldKeys};{newKeyEntry}", ["Hub__MyNumber__ActiveKey"] = newKey,
        }, before.Employer);
        Assert.Equal(n1, await RevealAsync(both, m1));
        Assert.Equal(n3, await RevealAsync(both, m3));
        await both.RegisterAsync(MemberTestData.Enroll(before.Employer, "K4", n4));
        Assert.Equal(newKey, MyNumberProtector.KeyIdOf((await both.Pipeline.Store.FindAsync(m4))!.ProtectedMyNumber!));

        var (rotated, current) = await both.Pipeline.Rotation.RotateAllAsync("test:rotation", before.Employer);

        Assert.Equal((2, 1), (rotated, current));
        var rotated1 = (await both.Pipeline.Store.FindAsync(m1))!.ProtectedMyNumber!;
        Assert.NotEqual(original1, rotated1);
        Assert.Equal(newKey, MyNumberProtector.KeyIdOf(rotated1));
        Assert.Equal(n1, await RevealAsync(both, m1));
        var accesses = new List<string>();
        await foreach (var a in both.Services.AccessLog.ReadDayAsync(Today)) accesses.Add($"{a.GetString("Subject")}|{a.GetString("Actor")}|{a.GetString("Purpose")}");
        Assert.Contains(accesses, a => a.StartsWith($"member:{m2}|test:rotation|", StringComparison.Ordinal) && a.Contains("re-encryption", StringComparison.Ordinal));
        Assert.Equal((0, 3), await both.Pipeline.Rotation.RotateAllAsync("test:rotation", before.Employer)); // nothing left to do

        // The old key removed: rotated rows and new rows decrypt; the other employer's un-rotated row does not.
        var after = await fixture.CreateAsync(Today, new Dictionary<string, string>
        {
            ["Hub__MyNumber__Keys"] = newKeyEntry, ["Hub__MyNumber__ActiveKey"] = newKey,
        }, before.Employer);
        Assert.Equal(n1, await RevealAsync(after, m1));
        Assert.Equal(n2, await RevealAsync(after, m2));
        Assert.Equal(n4, await RevealAsync(after, m4));
        var broken = await Assert.ThrowsAsync<HubConfigurationException>(() => RevealAsync(after, m3));
        Assert.Contains(oldKeyId, broken.Message);
        Assert.DoesNotContain(n3.RevealDigits(), broken.Message);

        // The index key did not change, so uniqueness still holds across the rotation.
        var duplicate = await after.StageAsync(MemberTestData.Enroll(before.Employer, "K5", n1));
        await after.Pipeline.Registration.RegisterAsync(duplicate);
        Assert.Equal("MYNUMBER_BELONGS_TO_OTHER_MEMBER", (await after.Pipeline.FindStagedRowAsync(duplicate.SubmissionId, duplicate.RowNumber))!.RejectionCode);
    }

    [Fact]
    public async Task A_tampered_ciphertext_fails_authentication_instead_of_decrypting_to_a_wrong_number()
    {
        var ctx = await fixture.CreateAsync(Today);
        var number = MemberTestData.NewMyNumber();
        var protectedNumber = ctx.Services.MyNumbers.Protect(number);
        var parts = protectedNumber.Split('.');
        var payload = parts[2].ToCharArray();
        payload[20] = payload[20] == 'A' ? 'B' : 'A';
        var tampered = $"{parts[0]}.{parts[1]}.{new string(payload)}";
        await Assert.ThrowsAnyAsync<CryptographicException>(() => ctx.Services.MyNumbers.RevealAsync(tampered, new("test", "test", "tamper check")));
        Assert.Equal(number, await ctx.Services.MyNumbers.RevealAsync(protectedNumber, new("test", "test", "round trip")));
        Assert.NotEqual(protectedNumber, ctx.Services.MyNumbers.Protect(number)); // a fresh nonce every time
    }

    private static async Task<MyNumber> RevealAsync(MemberTestContext ctx, string memberId) =>
        await ctx.Services.MyNumbers.RevealAsync((await ctx.Pipeline.Store.FindAsync(memberId))!.ProtectedMyNumber!, new($"member:{memberId}", "test", "rotation test"));
}
