using System.Collections.Concurrent;

namespace RetouchPlugins.Standalone.Web.Sessions;

/// <summary>
/// The photos open in this launch, at most <see cref="ServeLimits.MaxSessions"/>: opening one more closes the
/// one used least recently (never the file the host was opened on).
/// </summary>
public sealed class SessionStore(ServeOptions options)
{
    private readonly ConcurrentDictionary<string, PhotoSession> _sessions = new();
    private readonly object _gate = new();

    public PhotoSession Add(PhotoSession session)
    {
        lock (_gate)
        {
            while (_sessions.Count >= options.Limits.MaxSessions)
            {
                var oldest = _sessions.Values.Where(s => s.Launch is null).OrderBy(s => s.LastUsed).FirstOrDefault();
                if (oldest is null) break;
                _sessions.TryRemove(oldest.Id, out _);
            }
            _sessions[session.Id] = session;
        }
        return session;
    }

    public PhotoSession Get(string id)
    {
        if (!_sessions.TryGetValue(id, out var session))
            throw ApiException.NotFound($"no session {id} (closed, or replaced after {options.Limits.MaxSessions} newer photos)");
        session.Touch();
        return session;
    }

    public bool Remove(string id) => _sessions.TryRemove(id, out _);

    /// <summary>The session of the file given at launch, if any.</summary>
    public PhotoSession? Launched => _sessions.Values.FirstOrDefault(s => s.Launch is not null);
}
