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
