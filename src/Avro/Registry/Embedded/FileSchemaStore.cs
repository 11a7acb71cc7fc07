using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace RecoStreams.Avro.Registry.Embedded;

/// <summary>
/// An <see cref="ISchemaStore"/> in one file of JSON lines, fsynced on every append. A crash during
/// an append leaves at most a partial last line; it is cut off when the store opens, since that
/// append never completed and so was never acknowledged.
/// </summary>
public sealed class FileSchemaStore : ISchemaStore, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly FileStream _file;

    /// <summary>Opens or creates the log at <paramref name="path"/>, dropping a torn last line.</summary>
    public FileSchemaStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _file = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        _file.SetLength(CompleteLength(_file));
        _file.Seek(0, SeekOrigin.End);
    }

    /// <summary>Full path of the log file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public async IAsyncEnumerable<SchemaRegistryRecord> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        string[] lines;
        try
        {
            _file.Seek(0, SeekOrigin.Begin);
            var bytes = new byte[_file.Length];
            await _file.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
            _file.Seek(0, SeekOrigin.End);
            lines = Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        finally
        {
            _gate.Release();
        }

        for (var i = 0; i < lines.Length; i++)
        {
            SchemaRegistryRecord? record;
            try
            {
                record = JsonSerializer.Deserialize(lines[i], SchemaRecordJsonContext.Default.SchemaRegistryRecord);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{Path} line {i + 1} is not a schema registry record: {e.Message}", e);
            }

            yield return record ?? throw new InvalidDataException($"{Path} line {i + 1} is empty");
        }
    }

    /// <inheritdoc />
    public async Task<long> EndAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _file.Length;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    /// <remarks>The file is never compacted, so the lost record stays where it is and every replay ignores it.</remarks>
    public Task RetractAsync(SchemaVersionRecord lost, CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task AppendAsync(SchemaRegistryRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record, SchemaRecordJsonContext.Default.SchemaRegistryRecord) + "\n");
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _file.WriteAsync(line, cancellationToken).ConfigureAwait(false);
            _file.Flush(flushToDisk: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _file.Dispose();
        _gate.Dispose();
    }

    /// <summary>Length up to and including the last newline: everything after it is a torn append.</summary>
    private static long CompleteLength(FileStream file)
    {
        var buffer = new byte[4096];
        for (var end = file.Length; end > 0;)
        {
            var start = Math.Max(0, end - buffer.Length);
            file.Seek(start, SeekOrigin.Begin);
            var count = (int)(end - start);
            file.ReadExactly(buffer, 0, count);
            var newline = Array.LastIndexOf(buffer, (byte)'\n', count - 1, count);
            if (newline >= 0)
            {
                return start + newline + 1;
            }

            end = start;
        }

        return 0;
    }
}
