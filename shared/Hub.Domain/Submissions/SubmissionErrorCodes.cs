namespace Hub.Domain.Submissions;

/// <summary>
/// The stable error codes of submission ingestion. Codes never change meaning; messages may be reworded.
/// Messages and scopes are in <see cref="SubmissionErrorCatalog"/>.
/// </summary>
public static class SubmissionErrorCodes
{
    // File level: the whole file is refused, no row is processed.

    /// <summary>A column every row needs is absent from the header.</summary>
    public const string MissingColumn = "MISSING_COLUMN";

    /// <summary>A header names no known column (fatal; prefix a header with # to have it ignored).</summary>
    public const string UnknownColumn = "UNKNOWN_COLUMN";

    /// <summary>Two header cells name the same column.</summary>
    public const string DuplicateColumn = "DUPLICATE_COLUMN";

    /// <summary>The bytes are not valid in the detected or declared encoding.</summary>
    public const string EncodingInvalid = "ENCODING_INVALID";

    /// <summary>No header or no data row.</summary>
    public const string FileEmpty = "FILE_EMPTY";

    /// <summary>The file exceeds the size limit.</summary>
    public const string FileTooLarge = "FILE_TOO_LARGE";

    /// <summary>Neither CSV nor JSON (array of objects).</summary>
    public const string UnsupportedFormat = "UNSUPPORTED_FORMAT";

    /// <summary>One row exceeds the row size limit (usually an unclosed quote).</summary>
    public const string RowTooLarge = "ROW_TOO_LARGE";

    /// <summary>CSV or JSON syntax is broken.</summary>
    public const string FileMalformed = "FILE_MALFORMED";

    /// <summary>The blob name is unsafe (path tricks, sub-folders, control characters, absurd length): quarantined.</summary>
    public const string FileNameInvalid = "FILE_NAME_INVALID";

    /// <summary>The upload folder is not a registered employer: quarantined unread.</summary>
    public const string EmployerNotRegistered = "EMPLOYER_NOT_REGISTERED";

    /// <summary>The file was replaced or deleted while it was processed; that version is abandoned.</summary>
    public const string FileReplaced = "FILE_REPLACED";

    /// <summary>Processing kept failing (a system fault, not the file's); the employer is told to retry or call.</summary>
    public const string ProcessingFailed = "PROCESSING_FAILED";

    // Row level: the row is rejected, other rows are processed.

    /// <summary>A required value is empty.</summary>
    public const string Required = "REQUIRED";

    /// <summary>A value is longer than the column allows.</summary>
    public const string FieldTooLong = "FIELD_TOO_LONG";

    /// <summary>A value is given where the record type, action or another column rules it out.</summary>
    public const string FieldNotApplicable = "FIELD_NOT_APPLICABLE";

    /// <summary>A value outside the column's code list or format, or contradicting another column.</summary>
    public const string ValueInvalid = "VALUE_INVALID";

    /// <summary>record_type is not insured or dependant.</summary>
    public const string RecordTypeInvalid = "RECORD_TYPE_INVALID";

    /// <summary>action is unknown or does not fit the record type.</summary>
    public const string ActionInvalid = "ACTION_INVALID";

    /// <summary>sex is not 1/2 (男/女).</summary>
    public const string SexInvalid = "SEX_INVALID";

    /// <summary>relationship is not in the code list or does not fit the record type.</summary>
    public const string RelationshipInvalid = "RELATIONSHIP_INVALID";

    /// <summary>name_kana has characters other than full-width katakana, ー, ・ and spaces.</summary>
    public const string KanaInvalid = "KANA_INVALID";

    /// <summary>my_number is not 12 digits.</summary>
    public const string MyNumberFormat = "MYNUMBER_FORMAT";

    /// <summary>my_number's check digit does not match.</summary>
    public const string MyNumberCheckDigit = "MYNUMBER_CHECK_DIGIT";

    /// <summary>The same My Number is in several rows of the file; all of them are rejected.</summary>
    public const string MyNumberDuplicateInFile = "MYNUMBER_DUPLICATE_IN_FILE";

    /// <summary>Not a date in any accepted form, or no such day.</summary>
    public const string DateInvalid = "DATE_INVALID";

    /// <summary>An 和暦 date outside its era (平成1年1月7日) or an unknown era.</summary>
    public const string EraInvalid = "ERA_INVALID";

    /// <summary>A real date that is implausible (future birth, before birth, loss before qualification, …).</summary>
    public const string DateOutOfRange = "DATE_OUT_OF_RANGE";

    /// <summary>employer_code differs from the upload folder's employer.</summary>
    public const string EmployerMismatch = "EMPLOYER_MISMATCH";

    /// <summary>The insured person a row refers to is neither registered nor enrolled by an accepted row of the file.</summary>
    public const string UnknownInsured = "UNKNOWN_INSURED";

    /// <summary>Several insured rows of one file have the same employee_id; all of them are rejected.</summary>
    public const string InsuredDuplicateInFile = "INSURED_DUPLICATE_IN_FILE";

    /// <summary>A value sits in a column without a header.</summary>
    public const string UnnamedColumnValue = "UNNAMED_COLUMN_VALUE";

    // Registration level: decided by the registration step, reported against the row.

    /// <summary>The My Number is already held by another member (decided at registration).</summary>
    public const string MyNumberBelongsToOtherMember = "MYNUMBER_BELONGS_TO_OTHER_MEMBER";

    /// <summary>An update, withdrawal or removal of a member the hub cannot find.</summary>
    public const string MemberNotFound = "MEMBER_NOT_FOUND";

    /// <summary>The row's 被保険者番号 differs from the one on record.</summary>
    public const string InsuredNumberMismatch = "INSURED_NUMBER_MISMATCH";

    /// <summary>The 被保険者番号 an enrolment asks for is held by another insured person.</summary>
    public const string InsuredNumberTaken = "INSURED_NUMBER_TAKEN";

    /// <summary>The 枝番 the row asks for is held by another person of the household.</summary>
    public const string BranchNumberTaken = "BRANCH_NUMBER_TAKEN";

    /// <summary>No 枝番 is left to assign in the household.</summary>
    public const string BranchNumbersExhausted = "BRANCH_NUMBERS_EXHAUSTED";

    /// <summary>Registration refused the row for a reason without a code of its own here (the message names the registration's code).</summary>
    public const string RegistrationRefused = "REGISTRATION_REFUSED";

    /// <summary>Registration of the row has not finished in time; the insurer is investigating (registration result only).</summary>
    public const string RegistrationPending = "REGISTRATION_PENDING";
}
