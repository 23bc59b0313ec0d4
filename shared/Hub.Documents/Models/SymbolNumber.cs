namespace Hub.Documents.Models;

/// <summary>被保険者等記号・番号・枝番: 記号 per workplace, 番号 per insured person (dependants share it), 2-digit 枝番.</summary>
/// <param name="Symbol">記号 (1–8 letters or digits).</param>
/// <param name="Number">番号 (1–10 digits).</param>
/// <param name="Branch">枝番 (2 digits).</param>
public sealed record SymbolNumber(string Symbol, string Number, string Branch)
{
    internal void Validate()
    {
        FieldRules.Text(Symbol, "Symbol", "記号", 8);
        if (!Symbol.All(char.IsLetterOrDigit))
            throw FieldRules.Invalid("Symbol", "記号", "must contain only letters or digits", "は文字または数字のみで指定してください");
        FieldRules.Digits(Number, "Number", "番号", 1, 10);
        FieldRules.Digits(Branch, "Branch", "枝番", 2, 2);
    }
}
