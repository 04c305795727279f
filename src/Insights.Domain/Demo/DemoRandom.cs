namespace Insights.Domain.Demo;

/// <summary>SplitMix64: a tiny PRNG whose sequence never changes across .NET versions, so the demo is the same everywhere.</summary>
public sealed class DemoRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [min, max).</summary>
    public int Next(int min, int max) => min + (int)(NextDouble() * (max - min));

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(0, items.Count)];

    /// <summary>A Poisson-distributed count with the given mean (Knuth; fine for small means).</summary>
    public int Poisson(double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = NextDouble();
        while (p > limit)
        {
            k++;
            p *= NextDouble();
        }

        return k;
    }

    /// <summary>A log-normal duration in hours with the given median; <paramref name="spread"/> is σ of the log.</summary>
    public double LogNormalHours(double median, double spread)
    {
        // Box–Muller for one standard normal draw.
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        var normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return median * Math.Exp(spread * normal);
    }

    /// <summary>40 hex characters that look like a git SHA, derived from a stable name.</summary>
    public static string Sha(string name)
    {
        var hash = System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(name));
        return Convert.ToHexStringLower(hash);
    }
}
