namespace Hub.Storage.Blobs;

/// <summary>
/// Client-side argument errors of the blob clients, in English and Japanese, each with a stable code in
/// <see cref="Exception.Data"/>[<see cref="CodeKey"/>] (and at the start of the message).
/// </summary>
public static class BlobErrors
{
    /// <summary>The <see cref="Exception.Data"/> key holding the stable error code.</summary>
    public const string CodeKey = "Hub.ErrorCode";

    /// <summary>Code: a metadata name is not an ASCII C# identifier.</summary>
    public const string MetadataNameInvalid = "BlobMetadataNameInvalid";

    /// <summary>Code: two metadata names differ only in case.</summary>
    public const string MetadataNameDuplicate = "BlobMetadataNameDuplicate";

    /// <summary>Code: a metadata value is not valid Unicode text (a lone surrogate).</summary>
    public const string MetadataValueInvalid = "BlobMetadataValueInvalid";

    /// <summary>Code: the client has no account key, so it cannot sign a SAS.</summary>
    public const string SasNeedsAccountKey = "BlobSasNeedsAccountKey";

    /// <summary>Code: the client has neither an account key nor a Microsoft Entra credential (it uses a SAS), so it cannot sign a SAS.</summary>
    public const string SasNeedsCredential = "BlobSasNeedsCredential";

    /// <summary>Code: a user delegation key needs a Microsoft Entra credential (bearer token), which this client lacks.</summary>
    public const string UserDelegationNeedsEntraId = "BlobUserDelegationNeedsEntraId";

    /// <summary>Code: a user delegation key request is outside the service's limits (expiry after start, at most 7 days ahead).</summary>
    public const string UserDelegationKeyInvalid = "BlobUserDelegationKeyInvalid";

    /// <summary>Code: a SAS is missing its expiry or permissions, or has an unknown permission.</summary>
    public const string SasInvalid = "BlobSasInvalid";

    /// <summary>Code: transfer sizes or concurrency are outside what the service accepts.</summary>
    public const string TransferOptionsInvalid = "BlobTransferOptionsInvalid";

    internal static ArgumentException InvalidMetadataName(string? name) => Argument(MetadataNameInvalid,
        $"Metadata name '{name}' is not valid: use an ASCII C# identifier (letters, digits and '_', not starting with a digit).",
        $"メタデータ名 '{name}' は使えません。ASCII の C# 識別子（英字・数字・'_'、先頭は数字以外）にしてください。",
        "metadata");

    internal static ArgumentException DuplicateMetadataName(string name) => Argument(MetadataNameDuplicate,
        $"Metadata name '{name}' appears twice (names are case-insensitive).",
        $"メタデータ名 '{name}' が重複しています（大文字と小文字は区別されません）。",
        "metadata");

    internal static ArgumentException InvalidMetadataValue() => Argument(MetadataValueInvalid,
        "A metadata value is not valid Unicode text (it contains a lone surrogate).",
        "メタデータの値が正しい Unicode 文字列ではありません（不完全なサロゲートを含みます）。",
        "metadata");

    internal static InvalidOperationException NoAccountKey() => new(
        $"{SasNeedsAccountKey}: this client has no account key (it uses a SAS or Microsoft Entra ID), so it cannot sign a SAS. " +
        "/ このクライアントはアカウント キーを持たないため SAS を生成できません。")
    {
        Data = { [CodeKey] = SasNeedsAccountKey },
    };

    internal static InvalidOperationException NoSigningCredential() => new(
        $"{SasNeedsCredential}: this client authenticates with a SAS, so it has neither an account key nor a Microsoft Entra ID credential to sign a SAS with. " +
        "/ このクライアントは SAS で認証しているため、SAS に署名するためのアカウント キーも Microsoft Entra ID の資格情報もありません。")
    {
        Data = { [CodeKey] = SasNeedsCredential },
    };

    internal static InvalidOperationException NoEntraCredential() => new(
        $"{UserDelegationNeedsEntraId}: a user delegation key can only be requested with a Microsoft Entra ID credential (managed identity, az login); this client uses an account key or a SAS. " +
        "/ ユーザー委任キーは Microsoft Entra ID の資格情報（マネージド ID、az login）でのみ取得できます。このクライアントはアカウント キーか SAS を使っています。")
    {
        Data = { [CodeKey] = UserDelegationNeedsEntraId },
    };

    internal static ArgumentException InvalidUserDelegationKeyRequest(string english, string japanese, string paramName) =>
        Argument(UserDelegationKeyInvalid, english, japanese, paramName);

    internal static ArgumentOutOfRangeException InvalidUserDelegationOption(string paramName, string english, string japanese)
    {
        var e = new ArgumentOutOfRangeException(paramName, $"{UserDelegationKeyInvalid}: {english} / {japanese}");
        e.Data[CodeKey] = UserDelegationKeyInvalid;
        return e;
    }

    internal static ArgumentException InvalidSas(string english, string japanese, string? paramName = null) =>
        Argument(SasInvalid, english, japanese, paramName);

    internal static ArgumentOutOfRangeException InvalidTransfer(string paramName, string english, string japanese)
    {
        var e = new ArgumentOutOfRangeException(paramName, $"{TransferOptionsInvalid}: {english} / {japanese}");
        e.Data[CodeKey] = TransferOptionsInvalid;
        return e;
    }

    private static ArgumentException Argument(string code, string english, string japanese, string? paramName)
    {
        var e = new ArgumentException($"{code}: {english} / {japanese}", paramName);
        e.Data[CodeKey] = code;
        return e;
    }
}
