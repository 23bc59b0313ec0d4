// PDFsharp's licence and font resolver are process-wide; the licence tests switch them briefly, so the test
// classes run one after another rather than rendering concurrently with such a switch.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
