using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Reserves.Exhibits;

/// <summary>
/// The shortest decimal text that reads back to the same double, written as UTF-8 in the layout of .NET's "R" format
/// (fixed notation for leading powers of ten from -4 to 16, otherwise d.dddE+XX), about five times faster. The digits
/// come from Ryu (Ulf Adams, "Ryu: fast float-to-string conversion", PLDI 2018): the shortest digit string inside the
/// rounding interval of the double, the one closest to it when several are equally short. Where .NET's own text does
/// not read back (some powers of two, such as 2^-25, whose lower neighbour is closer), this text does.
/// </summary>
public static class ShortestDouble
{
    /// <summary>Bytes enough for any value this writes (a sign, 17 digits, a point and leading zeros, or .NET's text).</summary>
    public const int MaxLength = 32;

    private const int MantissaBits = 52;
    private const int Bias = 1023;
    private const int Pow5InverseBitCount = 125;
    private const int Pow5BitCount = 125;

    // 5^i normalized to 125 bits, and 2^(bits(5^i) - 1 + 125) / 5^i + 1 (the ceiling of the inverse), as in Ryu's
    // d2s_full_table.h; computed once here so there is no table to copy or mistype.
    private static readonly ulong[] Pow5Split = BuildPow5Split(326);
    private static readonly ulong[] Pow5InverseSplit = BuildPow5InverseSplit(342);

    /// <summary>Writes the shortest round-trip text of <paramref name="value"/>; false when the span is too short.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryFormat(double value, Span<byte> destination, out int written)
    {
        var bits = BitConverter.DoubleToUInt64Bits(value);
        var ieeeMantissa = bits & ((1UL << MantissaBits) - 1);
        var ieeeExponent = (int)((bits >> MantissaBits) & 0x7FF);
        if (ieeeExponent == 0x7FF)
            return value.TryFormat(destination, out written, "R", CultureInfo.InvariantCulture);
        var negative = (long)bits < 0;
        if (ieeeExponent == 0 && ieeeMantissa == 0) return TryWrite(destination, negative ? "-0"u8 : "0"u8, out written);

        var (digits, exponent) = Shortest(ieeeMantissa, ieeeExponent);
        var length = DecimalLength(digits);
        var pointPosition = length + exponent;
        if (pointPosition - 1 >= 17 || pointPosition - 1 < -4) return TryWriteExponent(destination, negative, digits, length, pointPosition - 1, out written);

        var total = (negative ? 1 : 0) + (exponent >= 0 ? length + exponent : pointPosition > 0 ? length + 1 : 2 - pointPosition + length);
        if (destination.Length < total)
        {
            written = 0;
            return false;
        }
        var at = 0;
        if (negative) destination[at++] = (byte)'-';
        if (exponent >= 0)
        {
            WriteDigits(destination.Slice(at, length), digits);
            destination.Slice(at + length, exponent).Fill((byte)'0');
        }
        else if (pointPosition > 0)
        {
            var fraction = -exponent;
            var pow = PowerOfTen(fraction);
            WriteDigits(destination.Slice(at, pointPosition), digits / pow);
            destination[at + pointPosition] = (byte)'.';
            WriteDigits(destination.Slice(at + pointPosition + 1, fraction), digits % pow);
        }
        else
        {
            destination[at] = (byte)'0';
            destination[at + 1] = (byte)'.';
            destination.Slice(at + 2, -pointPosition).Fill((byte)'0');
            WriteDigits(destination.Slice(at + 2 - pointPosition, length), digits);
        }
        written = total;
        return true;
    }

    /// <summary>The text as a string (for tests and small outputs).</summary>
    public static string Format(double value)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        if (!TryFormat(value, buffer, out var written)) throw new InvalidOperationException("number too long");
        return System.Text.Encoding.ASCII.GetString(buffer[..written]);
    }

    private static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> text, out int written)
    {
        written = text.TryCopyTo(destination) ? text.Length : 0;
        return written > 0;
    }

    // d.ddddE+XX with at least two exponent digits, as .NET writes it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryWriteExponent(Span<byte> destination, bool negative, ulong digits, int length, int power, out int written)
    {
        var magnitude = Math.Abs(power);
        var exponentDigits = magnitude >= 100 ? 3 : 2;
        var total = (negative ? 1 : 0) + length + (length > 1 ? 1 : 0) + 2 + exponentDigits;
        written = 0;
        if (destination.Length < total) return false;
        var at = 0;
        if (negative) destination[at++] = (byte)'-';
        var rest = PowerOfTen(length - 1);
        destination[at++] = (byte)('0' + (int)(digits / rest));
        if (length > 1)
        {
            destination[at++] = (byte)'.';
            WriteDigits(destination.Slice(at, length - 1), digits % rest);
            at += length - 1;
        }
        destination[at++] = (byte)'E';
        destination[at++] = (byte)(power < 0 ? '-' : '+');
        WriteDigits(destination.Slice(at, exponentDigits), (ulong)magnitude);
        written = total;
        return true;
    }

    // Writes exactly destination.Length digits of value, with leading zeros.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteDigits(Span<byte> destination, ulong value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            var q = value / 10;
            destination[i] = (byte)('0' + (int)(value - q * 10));
            value = q;
        }
    }

    private static ulong PowerOfTen(int n)
    {
        var p = 1UL;
        for (var i = 0; i < n; i++) p *= 10;
        return p;
    }

    private static int DecimalLength(ulong v)
    {
        var length = 1;
        for (var p = 10UL; length < 20 && v >= p; p *= 10) length++;
        return length;
    }

    /// <summary>Ryu's d2d: the shortest decimal digits and power of ten of a finite, nonzero double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (ulong Digits, int Exponent) Shortest(ulong ieeeMantissa, int ieeeExponent)
    {
        int e2;
        ulong m2;
        if (ieeeExponent == 0)
        {
            // Two more bits for the bounds' computation.
            e2 = 1 - Bias - MantissaBits - 2;
            m2 = ieeeMantissa;
        }
        else
        {
            e2 = ieeeExponent - Bias - MantissaBits - 2;
            m2 = (1UL << MantissaBits) | ieeeMantissa;
        }
        var acceptBounds = (m2 & 1) == 0;

        // The interval of decimal representations that read back to this double: [mm, mp] around mv, times 2^e2.
        var mv = 4 * m2;
        var mmShift = ieeeMantissa != 0 || ieeeExponent <= 1 ? 1UL : 0UL;

        ulong vr, vp, vm;
        int e10;
        var vmIsTrailingZeros = false;
        var vrIsTrailingZeros = false;
        if (e2 >= 0)
        {
            var q = Log10Pow2(e2) - (e2 > 3 ? 1 : 0);
            e10 = q;
            var k = Pow5InverseBitCount + Pow5Bits(q) - 1;
            var i = -e2 + q + k;
            vr = MulShift(4 * m2, Pow5InverseSplit, q, i);
            vp = MulShift(4 * m2 + 2, Pow5InverseSplit, q, i);
            vm = MulShift(4 * m2 - 1 - mmShift, Pow5InverseSplit, q, i);
            if (q <= 21)
            {
                // Only one of mp, mv and mm can be a multiple of 5, if any.
                if (mv % 5 == 0) vrIsTrailingZeros = MultipleOfPowerOf5(mv, q);
                else if (acceptBounds) vmIsTrailingZeros = MultipleOfPowerOf5(mv - 1 - mmShift, q);
                else vp -= MultipleOfPowerOf5(mv + 2, q) ? 1UL : 0UL;
            }
        }
        else
        {
            var q = Log10Pow5(-e2) - (-e2 > 1 ? 1 : 0);
            e10 = q + e2;
            var i = -e2 - q;
            var k = Pow5Bits(i) - Pow5BitCount;
            var j = q - k;
            vr = MulShift(4 * m2, Pow5Split, i, j);
            vp = MulShift(4 * m2 + 2, Pow5Split, i, j);
            vm = MulShift(4 * m2 - 1 - mmShift, Pow5Split, i, j);
            if (q <= 1)
            {
                // mv = 4 m2 has at least two trailing zero bits; mm has one exactly when mmShift is 1.
                vrIsTrailingZeros = true;
                if (acceptBounds) vmIsTrailingZeros = mmShift == 1;
                else vp--;
            }
            else if (q < 63)
            {
                vrIsTrailingZeros = (mv & ((1UL << q) - 1)) == 0;
            }
        }

        // Remove digits while the interval still holds a shorter representation.
        var removed = 0;
        var lastRemovedDigit = 0;
        ulong output;
        if (vmIsTrailingZeros || vrIsTrailingZeros)
        {
            // The general case (rare): exact ties need the removed digits.
            void DropDigit()
            {
                vrIsTrailingZeros &= lastRemovedDigit == 0;
                lastRemovedDigit = (int)(vr % 10);
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }
            while (vp / 10 > vm / 10)
            {
                vmIsTrailingZeros &= vm % 10 == 0;
                DropDigit();
            }
            if (vmIsTrailingZeros)
                while (vm % 10 == 0) DropDigit();
            // Round half to even when the exact value ends in 5 followed by zeros.
            if (vrIsTrailingZeros && lastRemovedDigit == 5 && vr % 2 == 0) lastRemovedDigit = 4;
            output = vr + ((vr == vm && (!acceptBounds || !vmIsTrailingZeros)) || lastRemovedDigit >= 5 ? 1UL : 0UL);
        }
        else
        {
            // The common case: no exact ties.
            var roundUp = false;
            var vpDiv100 = vp / 100;
            var vmDiv100 = vm / 100;
            if (vpDiv100 > vmDiv100)
            {
                var vrDiv100 = vr / 100;
                roundUp = vr - 100 * vrDiv100 >= 50;
                vr = vrDiv100;
                vp = vpDiv100;
                vm = vmDiv100;
                removed += 2;
            }
            while (true)
            {
                var vpDiv10 = vp / 10;
                var vmDiv10 = vm / 10;
                if (vpDiv10 <= vmDiv10) break;
                var vrDiv10 = vr / 10;
                roundUp = vr - 10 * vrDiv10 >= 5;
                vr = vrDiv10;
                vp = vpDiv10;
                vm = vmDiv10;
                removed++;
            }
            output = vr + (vr == vm || roundUp ? 1UL : 0UL);
        }
        return (output, e10 + removed);
    }

    // (m * table[index]) >> shift, where the table entry is 128 bits (low, high) and m has at most 55 bits.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulShift(ulong m, ulong[] table, int index, int shift)
    {
        var low = table[2 * index];
        var high = table[2 * index + 1];
        var high1 = Math.BigMul(m, high, out var low1);
        var high0 = Math.BigMul(m, low, out _);
        var sum = high0 + low1;
        if (sum < high0) high1++;
        var distance = shift - 64;
        return (high1 << (64 - distance)) | (sum >> distance);
    }

    // ceil(log2(5^e)) for e > 0, 1 for e = 0.
    private static int Pow5Bits(int e) => (int)(((uint)e * 1217359) >> 19) + 1;

    // floor(log10(2^e)).
    private static int Log10Pow2(int e) => (int)(((uint)e * 78913) >> 18);

    // floor(log10(5^e)).
    private static int Log10Pow5(int e) => (int)(((uint)e * 732923) >> 20);

    private static bool MultipleOfPowerOf5(ulong value, int p)
    {
        var count = 0;
        while (value % 5 == 0)
        {
            value /= 5;
            if (++count >= p) return true;
        }
        return count >= p;
    }

    private static ulong[] BuildPow5Split(int size)
    {
        var table = new ulong[2 * size];
        for (var i = 0; i < size; i++)
        {
            var pow = BigInteger.Pow(5, i);
            var length = (int)pow.GetBitLength();
            var normalized = length >= Pow5BitCount ? pow >> (length - Pow5BitCount) : pow << (Pow5BitCount - length);
            Store(table, i, normalized);
        }
        return table;
    }

    private static ulong[] BuildPow5InverseSplit(int size)
    {
        var table = new ulong[2 * size];
        for (var i = 0; i < size; i++)
        {
            var pow = BigInteger.Pow(5, i);
            var length = (int)pow.GetBitLength();
            Store(table, i, (BigInteger.One << (length - 1 + Pow5InverseBitCount)) / pow + 1);
        }
        return table;
    }

    private static void Store(ulong[] table, int index, BigInteger value)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (!value.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false))
            throw new InvalidOperationException("a Ryu table entry does not fit in 128 bits");
        table[2 * index] = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        table[2 * index + 1] = BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]);
    }
}
