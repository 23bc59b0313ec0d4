using System.Collections.Concurrent;
using Hub.Documents.Models;

namespace Hub.Documents.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public void Rendering_in_parallel_gives_the_same_bytes_as_rendering_one_by_one()
    {
        var notices = new NoticeRenderer(TestData.Options);
        var certificates = new CertificateRenderer(TestData.Options);
        var letters = new ReminderLetterRenderer(TestData.Options);
        Func<int, byte[]> render = i => (i % 4) switch
        {
            0 => notices.Render(TestData.Notice with { DocumentId = $"N-{i}", Member = TestData.Member with { Name = $"山田 {"一二三四五六七八九十"[i % 10]}郎" } }),
            1 => certificates.Render(TestData.Certificate with { DocumentId = $"C-{i}" }, CertificateLayout.Postcard),
            2 => certificates.Render(TestData.Certificate with { DocumentId = $"C-{i}", Member = TestData.SeniorMember }, CertificateLayout.A4),
            _ => letters.Render(TestData.Reminder((ReminderReason)(i % 5)) with { DocumentId = $"R-{i}" }),
        };
        var sequential = Enumerable.Range(0, 40).Select(render).ToArray();

        var parallel = new ConcurrentDictionary<int, byte[]>();
        Parallel.For(0, 40, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = render(i));

        for (var i = 0; i < 40; i++)
            Assert.True(sequential[i].AsSpan().SequenceEqual(parallel[i]), $"document {i} differs");
        PdfAssert.WellFormed(parallel[0]);
    }
}
