namespace Hub.Documents;

/// <summary>
/// A document could not be rendered. <see cref="Code"/> is stable (for callers, logs and dead letters);
/// the message carries the reason in English and Japanese.
/// </summary>
public sealed class DocumentException : Exception
{
    /// <summary>Creates the exception from a stable code and the reason in both languages.</summary>
    public DocumentException(string code, string messageEn, string messageJa, Exception? inner = null)
        : base($"{code}: {messageEn} / {messageJa}", inner)
    {
        Code = code;
        MessageEn = messageEn;
        MessageJa = messageJa;
    }

    /// <summary>Stable error code, one of <see cref="DocumentErrorCodes"/>.</summary>
    public string Code { get; }

    /// <summary>The reason in English.</summary>
    public string MessageEn { get; }

    /// <summary>The reason in Japanese.</summary>
    public string MessageJa { get; }
}

/// <summary>Stable error codes of <see cref="DocumentException"/>.</summary>
public static class DocumentErrorCodes
{
    /// <summary>The BIZ UDGothic font files were not found.</summary>
    public const string FontsNotFound = "DOC_FONTS_NOT_FOUND";

    /// <summary>The process is already configured with a different fonts directory, licence or font resolver.</summary>
    public const string RuntimeConflict = "DOC_RUNTIME_CONFLICT";

    /// <summary>The PDFsharp commercial licence key was rejected.</summary>
    public const string LicenseInvalid = "DOC_LICENSE_INVALID";

    /// <summary>A model field is missing or malformed.</summary>
    public const string InvalidField = "DOC_INVALID_FIELD";

    /// <summary>Dates of a model contradict each other (e.g. expiry before issue).</summary>
    public const string InconsistentDates = "DOC_INCONSISTENT_DATES";

    /// <summary>A text contains a character the document font cannot print (map it to a printable substitute upstream).</summary>
    public const string UnprintableCharacter = "DOC_UNPRINTABLE_CHARACTER";

    /// <summary>PDF generation itself failed (a defect, not bad input); the inner exception has the details.</summary>
    public const string RenderFailed = "DOC_RENDER_FAILED";
}
