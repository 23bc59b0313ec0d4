using System.Collections.Frozen;
using System.Text;

namespace Hub.Domain.Submissions;

/// <summary>
/// Every submission error code with its scope, summary and Japanese/English message templates, as data
/// (docs/error-codes.md is generated from <see cref="All"/>), and the factory that renders messages.
/// </summary>
public static class SubmissionErrorCatalog
{
    private static readonly SubmissionErrorDefinition[] Definitions =
    [
        // ---- File level -------------------------------------------------------------------------------
        Def(SubmissionErrorCodes.MissingColumn, SubmissionErrorScope.File,
            "必須の列がない", "A required column is missing",
            T(SubmissionErrorCodes.MissingColumn,
                "必須の列「{label}」（{name}）がありません。",
                "Required column {name} ({label}) is missing.")),
        Def(SubmissionErrorCodes.UnknownColumn, SubmissionErrorScope.File,
            "認識できない列がある（綴り誤りによるデータの取りこぼしを防ぐため、ファイル全体を受け付けない）",
            "A column is not recognised (the file is refused so that a misspelt column cannot silently drop data)",
            T(SubmissionErrorCodes.UnknownColumn,
                "列「{value}」は認識できません。{suggestion}不要な列は削除するか、見出しの先頭に # を付けてください（# で始まる列は読み飛ばします）。",
                "Column '{value}' is not recognised. {suggestion}Remove it, or start its header with # to have it ignored.")),
        Def(SubmissionErrorCodes.DuplicateColumn, SubmissionErrorScope.File,
            "同じ列が複数ある", "A column appears more than once",
            T(SubmissionErrorCodes.DuplicateColumn,
                "列「{column}」が複数あります（{positions}列目）。1つにしてください。",
                "Column {column} appears more than once (columns {positions}); keep one.")),
        Def(SubmissionErrorCodes.EncodingInvalid, SubmissionErrorScope.File,
            "文字コードを読み取れない", "The character encoding cannot be read",
            T(SubmissionErrorCodes.EncodingInvalid,
                "ファイルの文字コードを読み取れません。UTF-8 または Shift_JIS で保存してください。",
                "The file's character encoding cannot be read. Save it as UTF-8 or Shift_JIS.")),
        Def(SubmissionErrorCodes.FileEmpty, SubmissionErrorScope.File,
            "データ行がない", "No data rows",
            T(SubmissionErrorCodes.FileEmpty,
                "ファイルにデータ行がありません。",
                "The file has no data rows."),
            T(SubmissionErrorCodes.FileEmpty + ".no_header",
                "ファイルが空です（見出し行がありません）。",
                "The file is empty (no header row).")),
        Def(SubmissionErrorCodes.FileTooLarge, SubmissionErrorScope.File,
            "ファイルが大きすぎる", "The file is too large",
            T(SubmissionErrorCodes.FileTooLarge,
                "ファイルが大きすぎます（上限 {max}）。ファイルを分割して提出してください。",
                "The file is too large (limit {max}); split it into smaller files.")),
        Def(SubmissionErrorCodes.UnsupportedFormat, SubmissionErrorScope.File,
            "対応していない形式", "Unsupported format",
            T(SubmissionErrorCodes.UnsupportedFormat,
                "対応していないファイル形式です。CSV（UTF-8 または Shift_JIS）または JSON（オブジェクトの配列）で提出してください。",
                "Unsupported file format. Submit CSV (UTF-8 or Shift_JIS) or JSON (an array of objects).")),
        Def(SubmissionErrorCodes.RowTooLarge, SubmissionErrorScope.File,
            "行が大きすぎる", "A row is too large",
            T(SubmissionErrorCodes.RowTooLarge,
                "{row}行目が大きすぎます（上限 {max}）。引用符（\"）の閉じ忘れがないか確認してください。",
                "Row {row} is too large (limit {max}); check for an unclosed quote (\").")),
        Def(SubmissionErrorCodes.FileMalformed, SubmissionErrorScope.File,
            "ファイルの形式が壊れている", "The file is malformed",
            T(SubmissionErrorCodes.FileMalformed,
                "{row}行目付近でファイルの形式が正しくありません（{detail}）。",
                "The file is malformed near row {row} ({detail}).")),
        Def(SubmissionErrorCodes.FileNameInvalid, SubmissionErrorScope.File,
            "ファイル名またはアップロード先が不正（隔離して処理しない）", "The file name or upload path is not acceptable (quarantined, not processed)",
            T(SubmissionErrorCodes.FileNameInvalid,
                "ファイル名またはアップロード先「{value}」は受け付けられません（{reason}）。ファイルは処理せず隔離しました。事業所フォルダの直下に、制御文字を含まない{max}文字以内の名前で保存してください。",
                "The file name or upload path '{value}' cannot be accepted ({reason}); the file was quarantined without processing. Upload it directly into your employer folder with a name of at most {max} characters and no control characters.")),
        Def(SubmissionErrorCodes.EmployerNotRegistered, SubmissionErrorScope.File,
            "アップロード先が登録された事業所ではない（隔離して処理しない）", "The upload folder is not a registered employer (quarantined, not processed)",
            T(SubmissionErrorCodes.EmployerNotRegistered,
                "アップロード先のフォルダ「{value}」は登録された事業所ではありません。ファイルは処理せず隔離しました。健保組合にお問い合わせください。",
                "The upload folder '{value}' is not a registered employer; the file was quarantined without processing. Please contact the insurer."),
            R(SubmissionErrorCodes.EmployerNotRegistered + ".registration",
                "事業所「{value}」の登録がファイルの受付後に取り消されたため、この行は登録できませんでした。健保組合にお問い合わせください。",
                "Employer '{value}' was removed after the file was accepted, so the row was not registered. Please contact the insurer.")),
        Def(SubmissionErrorCodes.FileReplaced, SubmissionErrorScope.File,
            "処理中にファイルが置き換えられた、または削除された", "The file was replaced or deleted while it was being processed",
            T(SubmissionErrorCodes.FileReplaced,
                "処理中にファイルが置き換えられたか削除されたため、この版の処理を中止しました（行は登録していません）。置き換えた新しいファイルは別の受付番号で処理されます。",
                "The file was replaced or deleted while it was being processed, so this version was abandoned (no row was registered). The new file is processed under its own submission id.")),
        Def(SubmissionErrorCodes.ProcessingFailed, SubmissionErrorScope.File,
            "システムの問題で処理できなかった（ファイルの誤りではない）", "A system problem prevented processing (not an error in the file)",
            T(SubmissionErrorCodes.ProcessingFailed,
                "システムの問題によりファイルを処理できませんでした（{attempts}回試行）。行は登録していません。時間をおいて同じファイルを再度アップロードするか、受付番号 {submission} を添えて健保組合にお問い合わせください。",
                "The file could not be processed because of a system problem ({attempts} attempts); no row was registered. Upload the same file again later, or contact the insurer quoting submission {submission}.")),

        // ---- Row level --------------------------------------------------------------------------------
        Def(SubmissionErrorCodes.Required, SubmissionErrorScope.Row,
            "必須の値が空欄", "A required value is empty",
            T(SubmissionErrorCodes.Required,
                "{column}を入力してください。",
                "{column} is required."),
            T(SubmissionErrorCodes.Required + ".my_number",
                "個人番号を入力してください。個人番号が付番されていない場合（海外出生の子など）は、代わりに個人番号なし理由を入力してください。",
                "my_number is required. If no My Number has been assigned (e.g. a child born abroad), fill no_my_number_reason instead."),
            T(SubmissionErrorCodes.Required + ".nationality_for_departure",
                "出国予定日を入力した場合は国籍区分を入力してください（外国籍の方は国外でマイナンバーカードを継続利用できないため）。",
                "nationality is required when departure_date is given (foreign nationals cannot keep the card abroad)."),
            T(SubmissionErrorCodes.Required + ".departure_for_continuation",
                "国外継続利用申請が「あり」の場合は出国予定日を入力してください。",
                "departure_date is required when overseas_continuation_filed is yes."),
            T(SubmissionErrorCodes.Required + ".certificate_reason",
                "資格確認書交付申請が「あり」の場合は申請理由を入力してください。使用できる値: {allowed}",
                "certificate_request_reason is required when certificate_request is yes. Allowed values: {allowed}"),
            T(SubmissionErrorCodes.Required + ".copay_ratio_for_date",
                "負担割合発効期日を入力した場合は一部負担金の割合を入力してください。",
                "copay_ratio is required when copay_effective_date is given.")),
        Def(SubmissionErrorCodes.FieldTooLong, SubmissionErrorScope.Row,
            "値が長すぎる", "A value is too long",
            T(SubmissionErrorCodes.FieldTooLong,
                "{column}は{max}文字以内で入力してください（{length}文字あります）。",
                "{column} must be at most {max} characters (found {length})."),
            T(SubmissionErrorCodes.FieldTooLong + ".printed",
                "{column}は{max}文字以内で入力してください（{length}文字あります）。資格情報のお知らせ・資格確認書に印字できる文字数の上限です。",
                "{column} must be at most {max} characters (found {length}): that is as much as the 資格情報のお知らせ and the 資格確認書 can print.")),
        Def(SubmissionErrorCodes.FieldNotApplicable, SubmissionErrorScope.Row,
            "入力できない項目に値がある", "A value is given where it does not apply",
            T(SubmissionErrorCodes.FieldNotApplicable,
                "{context}の行では{column}は入力できません。空欄にしてください。",
                "{column} must be empty when record_type/action is {context}."),
            T(SubmissionErrorCodes.FieldNotApplicable + ".card_dates_without_card",
                "マイナンバーカード状況が未取得(none)のため、{column}は入力できません。",
                "{column} must be empty when card_state is none (no card)."),
            T(SubmissionErrorCodes.FieldNotApplicable + ".reason_with_number",
                "個人番号が入力されているため、個人番号なし理由は入力できません。",
                "no_my_number_reason must be empty when my_number is given."),
            T(SubmissionErrorCodes.FieldNotApplicable + ".reason_without_request",
                "資格確認書交付申請が「あり」ではないため、申請理由は入力できません。",
                "certificate_request_reason must be empty unless certificate_request is yes.")),
        Def(SubmissionErrorCodes.ValueInvalid, SubmissionErrorScope.Row,
            "使用できない値、または他の項目と矛盾する値", "A value is not allowed or contradicts another column",
            T(SubmissionErrorCodes.ValueInvalid,
                "{column}「{value}」は使用できません。使用できる値: {allowed}",
                "{column} '{value}' is not allowed. Allowed values: {allowed}"),
            T(SubmissionErrorCodes.ValueInvalid + ".digits",
                "{column}「{value}」は{max}桁以内の数字で入力してください。",
                "{column} '{value}' must be at most {max} digits."),
            T(SubmissionErrorCodes.ValueInvalid + ".code_format",
                "{column}「{value}」は英数字とハイフンのみで入力してください。",
                "{column} '{value}' may contain only letters, digits and hyphens."),
            T(SubmissionErrorCodes.ValueInvalid + ".control_characters",
                "{column}に制御文字（改行・タブや文字の向きを変える記号など、見えない特殊な文字）が含まれています。",
                "{column} contains control or invisible formatting characters (such as line breaks, tabs or text-direction marks)."),
            T(SubmissionErrorCodes.ValueInvalid + ".private_use",
                "{column}に外字（利用者定義文字）が含まれています。外字は健康保険組合で表示・印刷できないため、通常の文字に置き換えてください。",
                "{column} contains a user-defined character (外字, a private-use character) that the insurer cannot show or print; replace it with a standard character."),
            T(SubmissionErrorCodes.ValueInvalid + ".foreign_continuation",
                "外国籍の方は国外継続利用申請によりマイナンバーカードを国外で継続利用することはできません。",
                "A foreign national cannot keep the My Number card abroad, so overseas_continuation_filed cannot be yes."),
            T(SubmissionErrorCodes.ValueInvalid + ".card_without_my_number",
                "個人番号が付番されていない方はマイナンバーカードを持てないため、マイナンバーカード状況は未取得(none)にしてください。",
                "Without an assigned My Number there is no card: card_state must be none."),
            T(SubmissionErrorCodes.ValueInvalid + ".copay_age",
                "一部負担金の割合は70歳から74歳の方にのみ入力できます（{date}時点で{age}歳）。",
                "copay_ratio applies only to people aged 70 to 74 (aged {age} on {date}).")),
        Def(SubmissionErrorCodes.RecordTypeInvalid, SubmissionErrorScope.Row,
            "対象区分が正しくない", "record_type is not valid",
            T(SubmissionErrorCodes.RecordTypeInvalid,
                "対象区分「{value}」は使用できません。使用できる値: {allowed}",
                "record_type '{value}' is not allowed. Allowed values: {allowed}")),
        Def(SubmissionErrorCodes.ActionInvalid, SubmissionErrorScope.Row,
            "異動区分が正しくない", "action is not valid",
            T(SubmissionErrorCodes.ActionInvalid,
                "異動区分「{value}」は使用できません。使用できる値: {allowed}",
                "action '{value}' is not allowed. Allowed values: {allowed}"),
            T(SubmissionErrorCodes.ActionInvalid + ".for_record_type",
                "異動区分「{value}」は{record_type}の行では使用できません。使用できる値: {allowed}",
                "action '{value}' is not allowed when record_type is {record_type}. Allowed values: {allowed}")),
        Def(SubmissionErrorCodes.SexInvalid, SubmissionErrorScope.Row,
            "性別が正しくない", "sex is not valid",
            T(SubmissionErrorCodes.SexInvalid,
                "性別「{value}」は使用できません。1(男) または 2(女) で入力してください。",
                "sex '{value}' is not allowed; use 1 (male) or 2 (female).")),
        Def(SubmissionErrorCodes.RelationshipInvalid, SubmissionErrorScope.Row,
            "続柄が正しくない", "relationship is not valid",
            T(SubmissionErrorCodes.RelationshipInvalid,
                "続柄「{value}」は使用できません。使用できる値: {allowed}",
                "relationship '{value}' is not allowed. Allowed values: {allowed}"),
            T(SubmissionErrorCodes.RelationshipInvalid + ".self_for_dependant",
                "被扶養者の続柄に本人(self)は使用できません。",
                "A dependant's relationship cannot be self."),
            T(SubmissionErrorCodes.RelationshipInvalid + ".insured",
                "被保険者の行では続柄は空欄または本人(self)にしてください（「{value}」が入力されています）。",
                "On an insured row relationship must be empty or self (found '{value}').")),
        Def(SubmissionErrorCodes.KanaInvalid, SubmissionErrorScope.Row,
            "フリガナに使用できない文字がある", "name_kana has characters that are not allowed",
            T(SubmissionErrorCodes.KanaInvalid,
                "フリガナは全角カタカナで入力してください（長音「ー」・中点「・」・空白は使用できます）。使用できない文字:「{chars}」",
                "name_kana must be full-width katakana (ー, ・ and spaces are allowed). Characters not allowed: '{chars}'")),
        Def(SubmissionErrorCodes.MyNumberFormat, SubmissionErrorScope.Row,
            "個人番号が12桁の数字ではない", "my_number is not 12 digits",
            T(SubmissionErrorCodes.MyNumberFormat,
                "個人番号は12桁の数字で入力してください（入力された数字は{digits}桁です）。Excelで先頭の0が消えていないか、指数表示（1.23E+11 など）になっていないか確認してください。",
                "my_number must be 12 digits (found {digits}). Check that Excel has not dropped leading zeros or shown the number in scientific notation (e.g. 1.23E+11)."),
            T(SubmissionErrorCodes.MyNumberFormat + ".characters",
                "個人番号に数字・ハイフン・空白以外の文字が含まれています。12桁の数字で入力してください。",
                "my_number contains characters other than digits, hyphens and spaces; enter the 12 digits.")),
        Def(SubmissionErrorCodes.MyNumberCheckDigit, SubmissionErrorScope.Row,
            "個人番号の検査用数字が一致しない", "my_number's check digit does not match",
            T(SubmissionErrorCodes.MyNumberCheckDigit,
                "個人番号の検査用数字（最後の1桁）が一致しません。番号の転記誤りがないか確認してください。",
                "my_number's check digit (the last digit) does not match; check the number for typing errors.")),
        Def(SubmissionErrorCodes.MyNumberDuplicateInFile, SubmissionErrorScope.Row,
            "同じ個人番号がファイル内の複数の行にある（どれが正しいか判断できないため、すべて受け付けない）",
            "The same My Number is in several rows of the file (all are rejected, since we cannot tell which is right)",
            T(SubmissionErrorCodes.MyNumberDuplicateInFile,
                "同じ個人番号がこのファイルの{rows}行目にもあります。どの行が正しいか判断できないため、この番号の行はすべて受け付けていません。",
                "The same My Number is also in row(s) {rows} of this file. As we cannot tell which row is right, every row with this number was rejected.")),
        Def(SubmissionErrorCodes.DateInvalid, SubmissionErrorScope.Row,
            "日付として読み取れない、または存在しない日付", "Not a date, or no such day",
            T(SubmissionErrorCodes.DateInvalid,
                "{column}「{value}」を日付として読み取れません。例: 2024-12-02、2024/12/2、20241202、令和6年12月2日、R6.12.2、9061202（元号コード+年月日）",
                "{column} '{value}' is not a date. Examples: 2024-12-02, 2024/12/2, 20241202, 令和6年12月2日, R6.12.2, 9061202 (era code + YYMMDD)."),
            T(SubmissionErrorCodes.DateInvalid + ".no_such_day",
                "{column}「{value}」は存在しない日付です。",
                "{column} '{value}' is not a real calendar day.")),
        Def(SubmissionErrorCodes.EraInvalid, SubmissionErrorScope.Row,
            "和暦の元号と年月日が合わない", "An 和暦 date outside its era, or an unknown era",
            T(SubmissionErrorCodes.EraInvalid,
                "{column}「{value}」は{era}の期間外です（{era}は{range}）。",
                "{column} '{value}' is outside the {era} era ({range})."),
            T(SubmissionErrorCodes.EraInvalid + ".unknown_code",
                "{column}「{value}」の元号コードが正しくありません。元号コードは 1(明治)・3(大正)・5(昭和)・7(平成)・9(令和) です。",
                "{column} '{value}': the era code must be 1 (Meiji), 3 (Taisho), 5 (Showa), 7 (Heisei) or 9 (Reiwa).")),
        Def(SubmissionErrorCodes.DateOutOfRange, SubmissionErrorScope.Row,
            "ありえない日付（未来の生年月日、生年月日より前の資格取得日など）",
            "An implausible date (future birth, qualification before birth, …)",
            T(SubmissionErrorCodes.DateOutOfRange,
                "{column}が有効な範囲外です。",
                "{column} is out of range."),
            T(SubmissionErrorCodes.DateOutOfRange + ".future_birth",
                "生年月日が未来の日付です。",
                "birth_date is in the future."),
            T(SubmissionErrorCodes.DateOutOfRange + ".too_old",
                "生年月日から計算した年齢が{max}歳を超えています。",
                "birth_date gives an age over {max}."),
            T(SubmissionErrorCodes.DateOutOfRange + ".before_birth",
                "{column}が生年月日より前です。",
                "{column} is before birth_date."),
            T(SubmissionErrorCodes.DateOutOfRange + ".loss_before_qualification",
                "資格喪失年月日が資格取得年月日より前です。",
                "loss_date is before qualification_date."),
            T(SubmissionErrorCodes.DateOutOfRange + ".too_far_future",
                "{column}「{value}」は{limit}より後の日付にできません。",
                "{column} '{value}' cannot be later than {limit}."),
            T(SubmissionErrorCodes.DateOutOfRange + ".future",
                "{column}が未来の日付です。",
                "{column} is in the future."),
            T(SubmissionErrorCodes.DateOutOfRange + ".before_card_start",
                "{column}はマイナンバーカードの交付開始（2016年1月1日）より前にできません。",
                "{column} cannot be before 2016-01-01, when My Number cards were first issued."),
            T(SubmissionErrorCodes.DateOutOfRange + ".expiry_not_after_issue",
                "{column}がカード交付日以前です。",
                "{column} is not after card_issue_date."),
            T(SubmissionErrorCodes.DateOutOfRange + ".expiry_too_late",
                "{column}がカード交付日から{years}年を超えています。",
                "{column} is more than {years} years after card_issue_date."),
            T(SubmissionErrorCodes.DateOutOfRange + ".ecert_after_card",
                "電子証明書有効期限がカード有効期限より後です（電子証明書はカードの有効期限を超えません）。",
                "ecert_expiry_date is after card_expiry_date (an e-certificate never outlives its card).")),
        Def(SubmissionErrorCodes.EmployerMismatch, SubmissionErrorScope.Row,
            "事業所記号がアップロード先の事業所と違う", "employer_code is not the upload folder's employer",
            T(SubmissionErrorCodes.EmployerMismatch,
                "事業所記号「{value}」がアップロード先の事業所（{expected}）と一致しません。他の事業所の行はここでは提出できません。",
                "employer_code '{value}' does not match the upload folder's employer ({expected}); rows of other employers cannot be submitted here.")),
        Def(SubmissionErrorCodes.UnknownInsured, SubmissionErrorScope.Row,
            "対象の被保険者が登録されておらず、ファイル内でも受け付けられていない",
            "The insured person is neither registered nor enrolled by an accepted row of the file",
            T(SubmissionErrorCodes.UnknownInsured,
                "社員番号「{value}」の被保険者が見つかりません（登録済みの被保険者にも、このファイルで受け付けた資格取得の行にもありません）。被保険者の行にエラーがある場合は先に修正してください。",
                "No insured person with employee_id '{value}': neither registered nor enrolled by an accepted row of this file. If the insured person's row has errors, fix it first."),
            T(SubmissionErrorCodes.UnknownInsured + ".insured",
                "社員番号「{value}」の被保険者は登録されていません。新しく加入する場合は異動区分を資格取得(enroll)にしてください。",
                "No registered insured person has employee_id '{value}'. For a new member use action enroll."),
            T(SubmissionErrorCodes.UnknownInsured + ".insured_row",
                "社員番号「{value}」の被保険者が見つかりません（{rows}行目の被保険者の行にエラーがあるため）。被保険者の行を修正し、この行と一緒に再度提出してください。",
                "No insured person with employee_id '{value}' (row {rows}, the insured person's row, has errors). Fix that row and submit it again together with this one."),
            R(SubmissionErrorCodes.UnknownInsured + ".registration",
                "社員番号「{value}」の被保険者が登録されていないか、既に資格を喪失しているため、この被扶養者の行は登録できませんでした。同じファイルの被保険者の行が登録できなかった場合は、その行を修正してから、この行と一緒に再度提出してください。",
                "The insured person with employee_id '{value}' is not registered or no longer insured, so this dependant's row was not registered. If the insured person's row of this file was not registered, fix it and submit it again together with this one."),
            R(SubmissionErrorCodes.UnknownInsured + ".registration_row",
                "社員番号「{value}」の被保険者が登録されていないため、この被扶養者の行は登録できませんでした（{rows}行目の被保険者の行が登録できなかったため）。{rows}行目を修正し、この行と一緒に再度提出してください。",
                "The insured person with employee_id '{value}' is not registered, so this dependant's row was not registered (row {rows}, the insured person's row, was not registered). Fix row {rows} and submit it again together with this one.")),
        Def(SubmissionErrorCodes.InsuredDuplicateInFile, SubmissionErrorScope.Row,
            "同じ社員番号の被保険者の行がファイル内に複数ある（処理順を保証できないため、すべて受け付けない）",
            "Several insured rows of one file share an employee_id (all are rejected, since their order cannot be guaranteed)",
            T(SubmissionErrorCodes.InsuredDuplicateInFile,
                "同じ社員番号の被保険者の行がこのファイルの{rows}行目にもあります。被保険者1人につき1ファイル1行にしてください（行は並行して処理され順序を保証できないため、これらの行はすべて受け付けていません）。",
                "Another insured row with the same employee_id is in row(s) {rows} of this file. Submit one row per insured person per file (rows are processed in parallel, so their order cannot be guaranteed); all these rows were rejected.")),
        Def(SubmissionErrorCodes.UnnamedColumnValue, SubmissionErrorScope.Row,
            "見出しのない列に値がある", "A value is in a column without a header",
            T(SubmissionErrorCodes.UnnamedColumnValue,
                "{position}列目に値がありますが、見出しがありません。列がずれていないか確認してください。",
                "Column {position} holds a value but has no header; check that the columns are not shifted.")),

        // ---- Registration -----------------------------------------------------------------------------
        Def(SubmissionErrorCodes.MyNumberBelongsToOtherMember, SubmissionErrorScope.Registration,
            "個人番号が既に別の加入者に登録されている", "The My Number is already registered for another member",
            T(SubmissionErrorCodes.MyNumberBelongsToOtherMember,
                "この個人番号は既に別の加入者に登録されているため、登録しませんでした。番号に誤りがないか確認してください。",
                "This My Number is already registered for another member, so the row was not registered; check the number.")),
        Def(SubmissionErrorCodes.MemberNotFound, SubmissionErrorScope.Registration,
            "変更・喪失・非該当の対象の加入者が登録されていない", "The member an update, withdrawal or removal is about is not registered",
            T(SubmissionErrorCodes.MemberNotFound,
                "社員番号「{value}」の被保険者は登録されていないため、この行は登録できませんでした。新しく加入する場合は異動区分を資格取得(enroll)にしてください。",
                "No insured person with employee_id '{value}' is registered, so the row was not registered. For a new member use action enroll."),
            T(SubmissionErrorCodes.MemberNotFound + ".dependant",
                "この被扶養者は登録されていないため、この行は登録できませんでした（個人番号・枝番・生年月日とフリガナのいずれでも特定できません）。新しく追加する場合は異動区分を該当(add)にしてください。",
                "This dependant is not registered (not identified by My Number, branch number, or birth date and kana), so the row was not registered. To add a dependant use action add.")),
        Def(SubmissionErrorCodes.InsuredNumberMismatch, SubmissionErrorScope.Registration,
            "被保険者番号が登録済みの番号と一致しない", "insured_number does not match the number on record",
            T(SubmissionErrorCodes.InsuredNumberMismatch,
                "被保険者番号「{value}」が、社員番号「{employee}」の被保険者の登録済みの番号と一致しないため、この行は登録できませんでした。番号を確認するか、空欄にしてください。",
                "insured_number '{value}' does not match the number on record for the insured person with employee_id '{employee}', so the row was not registered; check it or leave it empty.")),
        Def(SubmissionErrorCodes.InsuredNumberTaken, SubmissionErrorScope.Registration,
            "被保険者番号が別の被保険者に付番済み", "insured_number is held by another insured person",
            T(SubmissionErrorCodes.InsuredNumberTaken,
                "被保険者番号「{value}」は既に別の被保険者に付番されているため、この行は登録できませんでした。番号を確認するか、空欄にしてください（健保組合が付番します）。",
                "Insured number '{value}' is already held by another insured person, so the row was not registered; check it or leave it empty (the insurer assigns one).")),
        Def(SubmissionErrorCodes.BranchNumberTaken, SubmissionErrorScope.Registration,
            "枝番が同じ世帯の別の方に付番済み", "branch_number is held by another person of the household",
            T(SubmissionErrorCodes.BranchNumberTaken,
                "枝番「{value}」はこの記号・番号の別の方に付番されているため、この行は登録できませんでした。枝番を確認するか、空欄にしてください。",
                "Branch number '{value}' is already held by another person of this household, so the row was not registered; check it or leave it empty.")),
        Def(SubmissionErrorCodes.BranchNumbersExhausted, SubmissionErrorScope.Registration,
            "世帯に割り当てられる枝番が残っていない", "No branch number is left in the household",
            T(SubmissionErrorCodes.BranchNumbersExhausted,
                "この記号・番号で割り当てられる枝番が残っていないため、この行は登録できませんでした。健保組合にお問い合わせください。",
                "No branch number is left to assign in this 記号・番号, so the row was not registered. Please contact the insurer.")),
        Def(SubmissionErrorCodes.RegistrationRefused, SubmissionErrorScope.Registration,
            "その他の理由で登録時に受け付けられなかった", "Registration refused the row for another reason",
            T(SubmissionErrorCodes.RegistrationRefused,
                "この行は登録時に受け付けられませんでした（理由コード {code}）。健保組合にお問い合わせください。",
                "Registration refused the row (reason code {code}). Please contact the insurer.")),
        Def(SubmissionErrorCodes.RegistrationPending, SubmissionErrorScope.Registration,
            "登録処理が期限までに完了していない（健保組合が調査中）", "Registration has not finished in time (the insurer is investigating)",
            T(SubmissionErrorCodes.RegistrationPending,
                "この行の登録処理が受付から{hours}時間以内に完了しなかったため、健康保険組合で原因を調査しています。再提出は不要です。処理が完了すると、この登録結果ファイルを更新します。",
                "Registration of this row did not finish within {hours} hours of receipt, and the insurer is investigating. Do not submit it again: this registration result will be updated once it finishes.")),
    ];

    private static readonly FrozenDictionary<string, SubmissionErrorDefinition> ByCode =
        Definitions.ToFrozenDictionary(d => d.Code, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, MessageTemplate> ByTemplateId =
        Definitions.SelectMany(d => d.Messages).ToFrozenDictionary(t => t.Id, StringComparer.Ordinal);

    /// <summary>Every error code, file level first, in documentation order.</summary>
    public static IReadOnlyList<SubmissionErrorDefinition> All => Definitions;

    /// <summary>The definition of a code.</summary>
    /// <exception cref="KeyNotFoundException">Unknown code.</exception>
    public static SubmissionErrorDefinition Get(string code) => ByCode[code];

    /// <summary>A message template by id (code or code.variant).</summary>
    /// <exception cref="KeyNotFoundException">Unknown template.</exception>
    public static MessageTemplate Template(string templateId) => ByTemplateId[templateId];

    /// <summary>
    /// Renders an error from a template. <c>{column}</c> is filled from <paramref name="column"/>; every other
    /// placeholder must be among <paramref name="args"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A placeholder has no value.</exception>
    public static SubmissionError Create(string templateId, int? row, SubmissionColumn? column, params ReadOnlySpan<MessageArg> args)
    {
        var template = Template(templateId);
        string? columnName = column is { } c ? SubmissionColumnCatalog.Get(c).Name : null;
        return CreateCore(template, row, columnName, column, args);
    }

    /// <summary>As <see cref="Create(string, int?, SubmissionColumn?, ReadOnlySpan{MessageArg})"/>, for an error about a column the catalogue does not know (UNKNOWN_COLUMN).</summary>
    public static SubmissionError CreateForRawColumn(string templateId, int? row, string? rawColumn, params ReadOnlySpan<MessageArg> args)
        => CreateCore(Template(templateId), row, rawColumn, null, args);

    /// <summary>
    /// Makes a cell value safe to quote in a message: control and invisible formatting characters (e.g. a
    /// right-to-left override, which would make a report line display reordered) become '?', and long values are
    /// cut at <paramref name="max"/> characters with an ellipsis. Never call it for a My Number.
    /// </summary>
    public static string Quote(ReadOnlySpan<char> value, int max = 40)
    {
        var sb = new StringBuilder(Math.Min(value.Length, max) + 1);
        for (int i = 0; i < value.Length && i < max; i++)
        {
            char c = value[i];
            sb.Append(IsControlOrFormat(c) ? '?' : c);
        }

        if (value.Length > max)
        {
            sb.Append('…');
        }

        return sb.ToString();
    }

    private static SubmissionError CreateCore(MessageTemplate template, int? row, string? columnName, SubmissionColumn? column, ReadOnlySpan<MessageArg> args)
    {
        string? labelJa = column is { } c ? SubmissionColumnCatalog.Get(c).LabelJa : columnName;
        string ja = Render(template.Ja, template.Id, labelJa, args, japanese: true);
        string en = Render(template.En, template.Id, columnName, args, japanese: false);
        return new SubmissionError(template.Code, row, columnName, ja, en, template.Id);
    }

    private static string Render(string text, string id, string? column, ReadOnlySpan<MessageArg> args, bool japanese)
    {
        var sb = new StringBuilder(text.Length + 32);
        int i = 0;
        while (i < text.Length)
        {
            int open = text.IndexOf('{', i);
            if (open < 0)
            {
                sb.Append(text, i, text.Length - i);
                break;
            }

            int close = text.IndexOf('}', open);
            sb.Append(text, i, open - i);
            string name = text.Substring(open + 1, close - open - 1);
            sb.Append(Lookup(name, id, column, args, japanese));
            i = close + 1;
        }

        return sb.ToString();
    }

    private static string Lookup(string name, string id, string? column, ReadOnlySpan<MessageArg> args, bool japanese)
    {
        foreach (var arg in args)
        {
            if (arg.Name == name)
            {
                return japanese ? arg.Ja : arg.En;
            }
        }

        if (name == "column" && column is not null)
        {
            return column;
        }

        throw new InvalidOperationException($"Message {id} needs a value for {{{name}}}.");
    }

    private static SubmissionErrorDefinition Def(string code, SubmissionErrorScope scope, string summaryJa, string summaryEn, params MessageTemplate[] messages)
        => new(code, scope, summaryJa, summaryEn, messages);

    private static MessageTemplate T(string id, string ja, string en) => new(id, ja, en);

    /// <summary>A message of a row or file code that the registration step gives (e.g. UNKNOWN_INSURED when the insured person's row was refused).</summary>
    private static MessageTemplate R(string id, string ja, string en) => new(id, ja, en) { Scope = SubmissionErrorScope.Registration };

    /// <summary>A control character (Cc) or an invisible formatting character (Cf: bidirectional marks, zero-width characters, BOM).</summary>
    public static bool IsControlOrFormat(char c) => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format;
}
