using Insights.Domain.Events;

namespace Insights.Ingest.Quarantine;

/// <summary>
/// The quarantine of one connector during one sync run: which items it holds (to be tried again), the
/// items the run found invalid, and those it found valid or gone (released). Saved as the run goes, so a
/// run that fails later still leaves what it learnt.
/// </summary>
public sealed class QuarantineSession
{
    private const int MaxKey = 512;
    private const int MaxReason = 2000;

    private readonly QuarantineStore _store;
    private readonly string _connector;
    private readonly List<(string Kind, string Key)> _leastRecentlyTried;
    private readonly HashSet<(string Kind, string Key)> _held;
    private readonly Dictionary<(string Kind, string Key), HeldItem> _toHold = [];
    private readonly HashSet<(string Kind, string Key)> _toRelease = [];

    internal QuarantineSession(QuarantineStore store, string connector, List<(string Kind, string Key)> held, IReadOnlyCollection<string> secrets)
    {
        _store = store;
        _connector = connector;
        _leastRecentlyTried = held;
        _held = [.. held];
        Secrets = secrets;
    }

    /// <summary>The source's secrets (its token), which a quarantined item never keeps.</summary>
    public IReadOnlyCollection<string> Secrets { get; }

    /// <summary>Items put in the quarantine (or found still invalid) by this run.</summary>
    public int HeldThisRun { get; private set; }

    /// <summary>Items this run released (valid again, or gone at the vendor).</summary>
    public int ReleasedThisRun { get; private set; }

    /// <summary>The keys of <paramref name="kind"/> to fetch again, least recently tried first.</summary>
    public IReadOnlyList<string> ToRetry(EventKind kind, int limit) =>
        _leastRecentlyTried.Where(h => h.Kind == kind.Route()).Select(h => h.Key).Take(limit).ToList();

    public bool Holds(EventKind kind, string key) => _held.Contains((kind.Route(), key));

    internal void Hold(EventKind kind, string key, string field, string reason, (string Text, bool Truncated) raw)
    {
        var id = (kind.Route(), Bound(key, MaxKey));
        _toRelease.Remove(id);
        _toHold[id] = new HeldItem(id.Item1, id.Item2, Bound(field, MaxKey), Bound(RawItem.Mask(reason, Secrets), MaxReason), raw.Text, raw.Truncated);
        _held.Add(id);
        HeldThisRun++;
    }

    /// <summary>The item is valid now, or the vendor no longer has it: it leaves the quarantine.</summary>
    public void Release(EventKind kind, string key)
    {
        var id = (kind.Route(), Bound(key, MaxKey));
        if (_held.Remove(id))
        {
            _toHold.Remove(id);
            _toRelease.Add(id);
            ReleasedThisRun++;
        }
    }

    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (_toHold.Count == 0 && _toRelease.Count == 0)
        {
            return;
        }

        await _store.SaveAsync(_connector, _toHold.Values.ToList(), _toRelease.ToList(), cancellationToken).ConfigureAwait(false);
        _toHold.Clear();
        _toRelease.Clear();
    }

    private static string Bound(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
