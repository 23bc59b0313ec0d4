namespace Hub.Domain.Tests.Generators;

/// <summary>Synthetic names with their readings (kanji, full-width katakana). No real person.</summary>
public static class SyntheticNames
{
    /// <summary>Surnames (氏).</summary>
    public static IReadOnlyList<(string Kanji, string Kana)> Surnames { get; } =
    [
        ("山田", "ヤマダ"), ("佐藤", "サトウ"), ("鈴木", "スズキ"), ("高橋", "タカハシ"), ("田中", "タナカ"),
        ("渡辺", "ワタナベ"), ("伊藤", "イトウ"), ("中村", "ナカムラ"), ("小林", "コバヤシ"), ("加藤", "カトウ"),
        ("吉田", "ヨシダ"), ("後藤", "ゴトウ"), ("長谷川", "ハセガワ"), ("藤原", "フジワラ"), ("髙橋", "タカハシ"),
        ("坂本", "サカモト"), ("近藤", "コンドウ"), ("宮崎", "ミヤザキ"), ("別府", "ベップ"), ("日比野", "ヒビノ"),
    ];

    /// <summary>Given names (名).</summary>
    public static IReadOnlyList<(string Kanji, string Kana)> GivenNames { get; } =
    [
        ("太郎", "タロウ"), ("花子", "ハナコ"), ("翔太", "ショウタ"), ("陽菜", "ヒナ"), ("健一", "ケンイチ"),
        ("美咲", "ミサキ"), ("大輔", "ダイスケ"), ("由美", "ユミ"), ("蓮", "レン"), ("葵", "アオイ"),
        ("悠真", "ユウマ"), ("結衣", "ユイ"), ("譲二", "ジョウジ"), ("文子", "フミコ"), ("龍之介", "リュウノスケ"),
        ("ぷりん", "プリン"), ("ジュン", "ジュン"),
    ];

    /// <summary>Foreign names written in the alphabet, with katakana readings.</summary>
    public static IReadOnlyList<(string Kanji, string Kana)> ForeignNames { get; } =
    [
        ("SMITH JOHN", "スミス ジョン"), ("GARCIA MARIA", "ガルシア マリア"), ("NGUYEN VAN AN", "グエン ヴァン アン"),
        ("VAN GOGH VINCENT", "ヴァン・ゴッホ ヴィンセント"), ("PATEL PRIYA", "パテル プリヤ"),
    ];

    /// <summary>A random name; readings separated by one ASCII space (the canonical form).</summary>
    public static (string Kanji, string Kana) Pick(Random random)
    {
        if (random.Next(10) == 0)
        {
            return ForeignNames[random.Next(ForeignNames.Count)];
        }

        var surname = Surnames[random.Next(Surnames.Count)];
        var given = GivenNames[random.Next(GivenNames.Count)];
        return ($"{surname.Kanji} {given.Kanji}", $"{surname.Kana} {given.Kana}");
    }
}
