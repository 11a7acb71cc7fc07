using System.Globalization;
using System.Numerics;

namespace RecoStreams.Avro.Generic;

/// <summary>
/// The value of a <c>decimal</c> logical type: an unscaled integer and a scale, exactly as stored,
/// so no precision is lost (System.Decimal holds only 28-29 digits).
/// </summary>
public readonly record struct AvroDecimal(BigInteger Unscaled, int Scale)
{
    /// <summary>Converts a System.Decimal, keeping its scale.</summary>
    public static AvroDecimal FromDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        var magnitude = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        return new AvroDecimal(bits[3] < 0 ? -magnitude : magnitude, scale);
    }

    /// <summary>This value at another scale; fails rather than round when digits would be lost.</summary>
    public AvroDecimal Rescale(int scale)
    {
        if (scale == Scale)
        {
            return this;
        }

        if (scale > Scale)
        {
            return new AvroDecimal(Unscaled * BigInteger.Pow(10, scale - Scale), scale);
        }

        var divisor = BigInteger.Pow(10, Scale - scale);
        var quotient = BigInteger.DivRem(Unscaled, divisor, out var remainder);
        return remainder.IsZero ? new AvroDecimal(quotient, scale)
            : throw new ArithmeticException($"{this} cannot be rescaled to scale {scale} without rounding");
    }

    /// <summary>Converts to System.Decimal.</summary>
    /// <exception cref="OverflowException">The value does not fit in a System.Decimal.</exception>
    public decimal ToDecimal()
    {
        if (Scale is < 0 or > 28)
        {
            throw new OverflowException($"scale {Scale} does not fit System.Decimal");
        }

        return (decimal)Unscaled / (decimal)BigInteger.Pow(10, Scale);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var digits = BigInteger.Abs(Unscaled).ToString(CultureInfo.InvariantCulture);
        if (Scale > 0)
        {
            digits = digits.PadLeft(Scale + 1, '0');
            digits = digits[..^Scale] + "." + digits[^Scale..];
        }
        else if (Scale < 0)
        {
            digits += new string('0', -Scale);
        }

        return Unscaled.Sign < 0 ? "-" + digits : digits;
    }
}
