namespace Hub.Storage.Tables;

/// <summary>
/// An entity, key, query or transaction the Table service would refuse, caught before any request is sent
/// so Azurite and Azure behave the same. The message is in English and Japanese; <see cref="Code"/> is stable.
/// </summary>
public sealed class TableArgumentException : ArgumentException
{
    // Formatted with the invariant culture so sizes read the same on every machine.
    internal TableArgumentException(string code, FormattableString english, FormattableString japanese, string? paramName = null)
        : base($"[{code}] {FormattableString.Invariant(english)} / {FormattableString.Invariant(japanese)}", paramName)
    {
        Code = code;
    }

    /// <summary>A stable code, e.g. <c>EntityTooLarge</c>, <c>InvalidKey</c>, <c>TransactionTooManyActions</c>.</summary>
    public string Code { get; }
}

/// <summary>The stable codes of <see cref="TableArgumentException"/>.</summary>
public static class TableErrorCodes
{
    /// <summary>The entity's estimated size exceeds 1 MiB.</summary>
    public const string EntityTooLarge = "EntityTooLarge";

    /// <summary>More than 252 user properties.</summary>
    public const string TooManyProperties = "TooManyProperties";

    /// <summary>A string longer than 32K characters or a binary value longer than 64 KiB.</summary>
    public const string PropertyValueTooLarge = "PropertyValueTooLarge";

    /// <summary>A property name that is empty, too long, reserved or not an identifier.</summary>
    public const string InvalidPropertyName = "InvalidPropertyName";

    /// <summary>A property value of a type the Table service cannot store.</summary>
    public const string UnsupportedPropertyType = "UnsupportedPropertyType";

    /// <summary>A date before 1601-01-01 (UTC) or a <see cref="DateTime"/> of unspecified kind.</summary>
    public const string InvalidDateTime = "InvalidDateTime";

    /// <summary>A missing partition or row key, one over 1 KiB, or one with / \ # ? or a control character.</summary>
    public const string InvalidKey = "InvalidKey";

    /// <summary>A table name that is not 3–63 letters and digits starting with a letter.</summary>
    public const string InvalidTableName = "InvalidTableName";

    /// <summary>An update without an ETag (pass the entity's ETag, or <see cref="Azure.ETag.All"/>).</summary>
    public const string MissingETag = "MissingETag";

    /// <summary>A query value that cannot be written as an OData literal, or a bad page size.</summary>
    public const string InvalidQuery = "InvalidQuery";

    /// <summary>A transaction without actions.</summary>
    public const string TransactionEmpty = "TransactionEmpty";

    /// <summary>A transaction with more than 100 actions.</summary>
    public const string TransactionTooManyActions = "TransactionTooManyActions";

    /// <summary>A transaction whose entities are in more than one partition.</summary>
    public const string TransactionCrossPartition = "TransactionCrossPartition";

    /// <summary>A transaction that names the same entity twice.</summary>
    public const string TransactionDuplicateEntity = "TransactionDuplicateEntity";

    /// <summary>A transaction whose request body exceeds 4 MiB.</summary>
    public const string TransactionTooLarge = "TransactionTooLarge";
}
