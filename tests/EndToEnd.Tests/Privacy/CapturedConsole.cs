using System.Text;

namespace RecoStreams.EndToEnd.Tests.Privacy;

/// <summary>
/// Copies everything written to stdout and stderr (where the instances' JSON logs go) while it lives, still
/// passing it on. Process-wide: lines of tests running alongside are captured too, which only adds text to search.
/// </summary>
internal sealed class CapturedConsole : IDisposable
{
    private readonly TextWriter _out = Console.Out;
    private readonly TextWriter _error = Console.Error;
    private readonly StringBuilder _captured = new();

    public CapturedConsole()
    {
        Console.SetOut(TextWriter.Synchronized(new TeeWriter(_out, this)));
        Console.SetError(TextWriter.Synchronized(new TeeWriter(_error, this)));
    }

    public string Text
    {
        get
        {
            lock (_captured)
            {
                return _captured.ToString();
            }
        }
    }

    public void Dispose()
    {
        Console.SetOut(_out);
        Console.SetError(_error);
    }

    private void Append(ReadOnlySpan<char> text)
    {
        lock (_captured)
        {
            _captured.Append(text);
        }
    }

    private sealed class TeeWriter(TextWriter inner, CapturedConsole capture) : TextWriter
    {
        public override Encoding Encoding => inner.Encoding;

        public override void Write(char value)
        {
            inner.Write(value);
            capture.Append([value]);
        }

        public override void Write(string? value)
        {
            inner.Write(value);
            capture.Append(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            inner.Write(buffer, index, count);
            capture.Append(buffer.AsSpan(index, count));
        }

        public override void Flush() => inner.Flush();
    }
}
