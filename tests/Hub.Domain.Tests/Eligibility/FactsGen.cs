using FsCheck;
using FsCheck.Fluent;
using Hub.Domain.Eligibility;
using static Hub.Domain.Tests.Members.MemberDates;

namespace Hub.Domain.Tests.Eligibility;

/// <summary>Random but consistent <see cref="MemberFacts"/> and days around today, for property tests.</summary>
internal static class FactsGen
{
    private static Gen<T?> Maybe<T>(Gen<T> gen) where T : struct =>
        Gen.Frequency((1, Gen.Constant<T?>(null)), (2, gen.Select(v => (T?)v)));

    private static Gen<T> OneOf<T>() where T : struct, Enum => Gen.Elements(Enum.GetValues<T>());

    /// <summary>Days from 2024 to 2032.</summary>
    public static Gen<DateOnly> Days => Between(D("2024-01-01"), D("2032-12-31"));

    /// <summary>Any member.</summary>
    public static Gen<MemberFacts> Members =>
        from birth in Between(D("1945-01-01"), D("2016-01-01"))
        from hasMyNumber in Gen.Frequency((9, Gen.Constant(true)), (1, Gen.Constant(false)))
        from state in Gen.Frequency((4, Gen.Constant(CardState.Registered)), (3, OneOf<CardState>()))
        from issued in Maybe(Between(D("2016-01-01"), D("2026-11-21")))
        from cardExpiry in Maybe(Days)
        from eCertExpiry in Maybe(Days)
        from departure in Maybe(Days)
        from filedBefore in Maybe(Gen.Choose(-3, 40))
        from nationality in Gen.Frequency((4, Gen.Constant(Nationality.Japanese)), (1, Gen.Constant(Nationality.Foreign)))
        from application in Gen.Frequency((6, Gen.Constant(CertificateApplication.None)), (1, OneOf<CertificateApplication>()))
        from lost in Gen.Frequency((3, Gen.Constant<DateOnly?>(null)), (1, Days.Select(d => (DateOnly?)d)))
        from certificate in Maybe(Days)
        select new MemberFacts
        {
            BirthDate = birth,
            HasMyNumber = hasMyNumber,
            CardState = state,
            CardIssuedOn = issued,
            CardExpiresOn = cardExpiry,
            ECertExpiresOn = eCertExpiry,
            DepartureDate = departure,
            ContinuationFiledOn = departure is { } d && filedBefore is { } b ? d.AddDays(-b) : null,
            Nationality = nationality,
            Application = application,
            QualificationLostOn = lost,
            CertificateValidUntil = certificate,
        };
}
