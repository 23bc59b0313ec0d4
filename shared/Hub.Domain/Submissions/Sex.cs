namespace Hub.Domain.Submissions;

/// <summary>性別 as printed on documents (codes 1 and 2 as in public insurance forms).</summary>
public enum Sex
{
    /// <summary>男 (code 1; also 男性, M, male).</summary>
    Male = 1,

    /// <summary>女 (code 2; also 女性, F, female).</summary>
    Female = 2,
}
