using System.Text.Json;

namespace Hub.Core.Ingestion.FanOut;

/// <summary>Groups accepted rows, in file order, into fan-out chunks of at most <paramref name="rowsPerChunk"/> rows.</summary>
public sealed class ChunkPlanner(int rowsPerChunk)
{
    private readonly List<int[]> _chunks = [];
    private int _inCurrent;

    /// <summary>Adds an accepted row (row numbers must increase).</summary>
    public void Add(int rowNumber)
    {
        if (_inCurrent == 0 || _inCurrent == rowsPerChunk)
        {
            _chunks.Add([rowNumber, rowNumber]);
            _inCurrent = 0;
        }

        _chunks[^1][1] = rowNumber;
        _inCurrent++;
    }

    /// <summary>The chunks so far.</summary>
    public int Count => _chunks.Count;

    /// <summary>The chunks as stored on the submission: <c>[[first,last],…]</c>.</summary>
    public string ToJson() => JsonSerializer.Serialize(_chunks);
}
