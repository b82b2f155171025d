namespace RetouchPlugins.Shaders.StyleBlit;

/// <summary>
/// FaceBlit's idea at a fraction of its size: the seed lookup's answer for coarse guide values, kept by the style
/// so that a lookup costs a table read and a small refinement instead of a search. The key is the positional
/// guide's style pixel quantised to <see cref="Cell"/>-pixel cells, the first feature plane (the appearance guide)
/// quantised to <see cref="AppearanceLevels"/> levels, and the other planes (segmentation) each as one bit (at
/// least half on). An entry is the full search's answer for the key's representative guide (the cell's centre,
/// the level's middle, the planes fully on or off).
/// <para>
/// Entries are made when a pixel first asks and stored in an open-addressing hash of 64-bit slots (key, answer),
/// each written whole with one compare-exchange: an answer is a pure function of its key, so concurrent writers
/// agree and the result does not depend on which thread filled what. A full table answers "not stored" and the
/// caller searches. Size: 8 bytes × <see cref="Slots"/>.
/// </para>
/// </summary>
internal sealed class SeedLookupTable
{
    /// <summary>Appearance levels of the key: one per 8 of the byte's 256 (at most 4 levels off, 8 error units at FaceBlit's weight 2).</summary>
    public const int AppearanceLevels = 32, AppearanceShift = 3;

    /// <summary>Bits of the key: 5 for the appearance level, 7 for the other planes' bits, the rest for the cell (+1: key 0 marks an empty slot).</summary>
    private const int CellBits = 20;
    public const int MaxCells = (1 << CellBits) - 2;

    /// <summary>2^20 slots (8 MiB); filled to at most half so that probes stay short (a 1 MP face asks for about 100 000 entries, a 4 MP face 124 000).</summary>
    private const int SlotBits = 20;
    public const int Slots = 1 << SlotBits;
    private const int MaxFill = Slots / 2;

    private readonly ulong[] _slots = new ulong[Slots];
    private int _filled;
    private readonly StyleBlitOptions _options;

    public SeedLookupTable(int styleWidth, int styleHeight, StyleBlitOptions options)
    {
        Cell = options.LookupCell;
        CellsX = (styleWidth + Cell - 1) / Cell;
        CellsY = (styleHeight + Cell - 1) / Cell;
        if ((long)CellsX * CellsY > MaxCells) throw new ArgumentException($"a {styleWidth}x{styleHeight} style has more than {MaxCells} lookup cells of {Cell} px");
        _options = options with { FeatureWeights = (float[])options.FeatureWeights.Clone() };
    }

    /// <summary>Cell size in style pixels.</summary>
    public int Cell { get; }
    public int CellsX { get; }
    public int CellsY { get; }

    /// <summary>Entries made so far.</summary>
    public int Count => Volatile.Read(ref _filled);

    public static long Bytes => 8L * Slots;

    /// <summary>The key of (cell, appearance level, plane bits).</summary>
    public static uint Key(int cell, int level, int bits) => ((uint)(cell + 1) << 12) | ((uint)level << 7) | (uint)bits;

    /// <summary>The stored answer for <paramref name="key"/>, or −1.</summary>
    public int Get(uint key)
    {
        for (uint slot = Hash(key); ; slot = (slot + 1) & (Slots - 1))
        {
            ulong entry = Volatile.Read(ref _slots[slot]);
            if (entry == 0) return -1;
            if ((uint)(entry >> 32) == key) return (int)(uint)entry;
        }
    }

    /// <summary>Stores <paramref name="answer"/> (a packed style pixel, ≥ 0) for <paramref name="key"/> unless the table is full.</summary>
    public void Put(uint key, int answer)
    {
        if (Volatile.Read(ref _filled) >= MaxFill) return;
        ulong entry = ((ulong)key << 32) | (uint)answer;
        for (uint slot = Hash(key); ; slot = (slot + 1) & (Slots - 1))
        {
            ulong seen = Interlocked.CompareExchange(ref _slots[slot], entry, 0);
            if (seen == 0) { Interlocked.Increment(ref _filled); return; }
            if ((uint)(seen >> 32) == key) return; // another thread stored the same answer
        }
    }

    /// <summary>
    /// A cell's keys start within its own 16 slots (two cache lines), and neighbouring cells' slots are neighbours:
    /// the pixels of a region ask about the same few cells, so their reads stay in cache (a scattering hash made
    /// every read a miss).
    /// </summary>
    private static uint Hash(uint key) => (((key >> 12) << 4) + (((key >> 7) & 31) ^ ((key & 127) * 5) & 15)) & (Slots - 1);

    /// <summary>Whether the entries hold for <paramref name="o"/>: they depend on everything the search depends on, not on the seed or the levels.</summary>
    public bool Fits(StyleBlitOptions o) =>
        o.LookupCell == _options.LookupCell && o.Threshold == _options.Threshold && o.PositionWeight == _options.PositionWeight
        && o.SearchRadius == _options.SearchRadius && o.SearchStep == _options.SearchStep
        && o.FeatureWeights.AsSpan().SequenceEqual(_options.FeatureWeights);
}
