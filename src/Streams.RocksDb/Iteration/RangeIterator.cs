using RecoStreams.Streams.RocksDb.Native;
using RecoStreams.Streams.State;

namespace RecoStreams.Streams.RocksDb.Iteration;

/// <summary>Entries of one RocksDB iterator, within the bounds it was created with, in unsigned key order.</summary>
internal sealed class RangeIterator : StoreIterator<Bytes, byte[]>
{
    private readonly RocksIterator _iterator;
    private bool _positioned;

    public RangeIterator(string storeName, OpenIterators registry, RocksIterator iterator)
        : base(storeName, registry)
    {
        _iterator = iterator;
    }

    protected override bool TryReadNext(out KeyValuePair<Bytes, byte[]> entry)
    {
        if (_positioned)
        {
            _iterator.Next();
        }
        else
        {
            _iterator.SeekToFirst();
            _positioned = true;
        }

        if (!_iterator.Valid)
        {
            _iterator.ThrowIfError();
            entry = default;
            return false;
        }

        entry = new(Bytes.Wrap(_iterator.KeyToArray()), _iterator.ValueToArray());
        return true;
    }

    protected override void ReleaseNativeIterators() => _iterator.Dispose();
}
