namespace Hub.Domain.Submissions;

/// <summary>続柄: a dependant's relationship to the insured person. Stable codes are the snake_case names.</summary>
public enum Relationship
{
    /// <summary>本人 (code <c>self</c>): accepted on insured rows only, where the column may also be empty.</summary>
    Self = 0,

    /// <summary>配偶者 (code <c>spouse</c>; 夫, 妻).</summary>
    Spouse = 1,

    /// <summary>子 (code <c>child</c>; 長男, 長女, 養子, …).</summary>
    Child = 2,

    /// <summary>父 (code <c>father</c>).</summary>
    Father = 3,

    /// <summary>母 (code <c>mother</c>).</summary>
    Mother = 4,

    /// <summary>孫 (code <c>grandchild</c>).</summary>
    Grandchild = 5,

    /// <summary>兄弟姉妹 (code <c>sibling</c>; 兄, 弟, 姉, 妹).</summary>
    Sibling = 6,

    /// <summary>祖父母 (code <c>grandparent</c>; 祖父, 祖母).</summary>
    Grandparent = 7,

    /// <summary>その他 (code <c>other</c>; e.g. 義父, 義母, 叔父, 甥).</summary>
    Other = 9,
}
