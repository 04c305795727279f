using System.Text.Json;
using Insights.Domain.Events;
using Insights.Ingest.Connectors;
using Insights.Ingest.Http;

namespace Insights.Ingest.Backstage;

/// <summary>
/// Syncs the catalog from Backstage: groups (→ teams: display names and parents), systems (→ each
/// component's domain), then components (→ services). A component owned by a group belongs to that team; one
/// owned by a user belongs to the user's group (its <c>memberOf</c>), else it is <c>unowned</c> with a
/// warning in the status. The catalog API has no "changed since" filter, so every run reads the catalog
/// (paged); only entities whose written form changed since the last run are written. Entities that cannot
/// be mapped go to the quarantine; they are read with every run and leave it when valid, or when gone.
/// Cursor: entity reference → a hash of what was written for it.
/// </summary>
public sealed class BackstageConnector(BackstageOptions options, BackstageClient client) : IConnector
{
    public string Name => options.Name;

    public string Kind => options.Kind;

    public string Schedule => options.Schedule;

    public async Task<SyncResult> SyncAsync(string? cursor, ConnectorContext context, CancellationToken cancellationToken)
    {
        var known = cursor is null ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(cursor) ?? [];
        var run = new Run(options, client, context, known);

        var groupsRead = await context.PartAsync("groups", () => run.GroupsAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        var systemsRead = await context.PartAsync("systems", () => run.SystemsAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        // Without the systems, every component would be written again without its domain: wait for them.
        var componentsRead = await context.PartAsync("components", () => systemsRead
            ? run.ComponentsAsync(cancellationToken)
            : throw new SourceResponseException("not read this run: the systems they belong to could not be read"), cancellationToken).ConfigureAwait(false);

        // What a failed part did not read keeps its last version, so it is not written again needlessly next time.
        foreach (var (reference, version) in known)
        {
            var failed = reference.StartsWith("group:", StringComparison.Ordinal) ? !groupsRead : !componentsRead;
            if (failed)
            {
                run.Seen.TryAdd(reference, version);
            }
        }

        return new SyncResult(JsonSerializer.Serialize(run.Seen), context.Rows);
    }

    private sealed class Run(BackstageOptions options, BackstageClient client, ConnectorContext context, Dictionary<string, string> known)
    {
        private readonly SourceItems<Team> _teams = context.Items<Team>(EventKind.Teams, BackstageMapper.TeamFields);
        private readonly SourceItems<CatalogService> _services = context.Items<CatalogService>(EventKind.Services, BackstageMapper.ServiceFields);
        private readonly Dictionary<string, JsonElement> _groups = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, string?> _domains = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, string?> _userTeams = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>Reference → version of what is in the warehouse after this run.</summary>
        public Dictionary<string, string> Seen { get; } = new(StringComparer.Ordinal);

        public async Task GroupsAsync(CancellationToken cancellationToken)
        {
            var read = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var page in client.EntitiesAsync("kind=group", context, cancellationToken).ConfigureAwait(false))
            {
                foreach (var group in page.Items)
                {
                    var key = BackstageMapper.KeyOrHash(group);
                    read.Add(key);
                    _groups[key] = group;
                    Offer(_teams, EventKind.Teams, key, group, () => BackstageMapper.ToTeam(group, options.Name));
                }

                await _teams.FlushAsync(cancellationToken).ConfigureAwait(false);
                await context.Progress.PageAsync("groups", page.Items.Count, page.TotalItems, cancellationToken).ConfigureAwait(false);
            }

            ReleaseGone(EventKind.Teams, read);
            await _teams.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        public async Task SystemsAsync(CancellationToken cancellationToken)
        {
            await foreach (var page in client.EntitiesAsync("kind=system", context, cancellationToken).ConfigureAwait(false))
            {
                foreach (var system in page.Items)
                {
                    try
                    {
                        _domains[BackstageMapper.Reference(system).Key] = BackstageMapper.DomainOf(system)?.ShortName;
                    }
                    catch (SourceItemException ex)
                    {
                        context.Warn($"A system of the catalog could not be read ({ex.Field} {ex.Reason}); components in it get no domain");
                    }
                }

                await context.Progress.PageAsync("systems", page.Items.Count, page.TotalItems, cancellationToken).ConfigureAwait(false);
            }
        }

        public async Task ComponentsAsync(CancellationToken cancellationToken)
        {
            var read = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var page in client.EntitiesAsync(options.Filter, context, cancellationToken).ConfigureAwait(false))
            {
                foreach (var component in page.Items)
                {
                    var key = BackstageMapper.KeyOrHash(component);
                    read.Add(key);
                    string team;
                    try
                    {
                        team = await TeamOfAsync(key, BackstageMapper.Owner(component), cancellationToken).ConfigureAwait(false);
                    }
                    catch (SourceItemException ex)
                    {
                        _services.Hold(key, ex.Field, ex.Reason, component);
                        continue;
                    }

                    Offer(_services, EventKind.Services, key, component, () =>
                    {
                        var system = BackstageMapper.SystemOf(component);
                        var domain = system is { } s ? _domains.GetValueOrDefault(s.Key) : null;
                        return BackstageMapper.ToService(component, options.Name, team, system?.ShortName, domain);
                    });
                }

                await _services.FlushAsync(cancellationToken).ConfigureAwait(false);
                await context.Progress.PageAsync("components", page.Items.Count, page.TotalItems, cancellationToken).ConfigureAwait(false);
            }

            ReleaseGone(EventKind.Services, read);
            await _services.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The team owning a component: a group's own name; a user's group; else <see cref="BackstageMapper.Unowned"/>, with a warning.</summary>
        private async Task<string> TeamOfAsync(string component, EntityRef owner, CancellationToken cancellationToken)
        {
            switch (owner.Kind)
            {
                case "group":
                    return _groups.TryGetValue(owner.Key, out var group) ? BackstageMapper.Reference(group).ShortName : owner.ShortName;
                case "user":
                    if (!_userTeams.TryGetValue(owner.Key, out var team))
                    {
                        team = await UserTeamAsync(component, owner, cancellationToken).ConfigureAwait(false);
                        _userTeams[owner.Key] = team;
                    }

                    if (team is null)
                    {
                        context.Warn($"{component}: its owner {owner} is a user in no group of the catalog; the service is '{BackstageMapper.Unowned}'");
                    }

                    return team ?? BackstageMapper.Unowned;
                default:
                    context.Warn($"{component}: its owner {owner} is neither a group nor a user; the service is '{BackstageMapper.Unowned}'");
                    return BackstageMapper.Unowned;
            }
        }

        private async Task<string?> UserTeamAsync(string component, EntityRef owner, CancellationToken cancellationToken)
        {
            if (await client.EntityAsync(owner, context, cancellationToken).ConfigureAwait(false) is not { } user)
            {
                return null;
            }

            // Direct memberships; a group of type "team" first (a user is often also in "employees"), then by name.
            var groups = BackstageMapper.MemberOf(user)
                .Select(g => (Ref: g, IsTeam: _groups.TryGetValue(g.Key, out var entity) && VendorJson.Text(entity, "spec", "type") == "team"))
                .OrderByDescending(g => g.IsTeam)
                .ThenBy(g => g.Ref.Key, StringComparer.Ordinal)
                .ToList();
            if (groups.Count > 1)
            {
                context.Warn($"{component}: its owner {owner} is in {groups.Count} groups ({string.Join(", ", groups.Select(g => g.Ref.ShortName))}); the service is given to {groups[0].Ref.ShortName}");
            }

            return groups.Count == 0 ? null
                : _groups.TryGetValue(groups[0].Ref.Key, out var entity) ? BackstageMapper.Reference(entity).ShortName
                : groups[0].Ref.ShortName;
        }

        /// <summary>Writes an entity when what it maps to changed since the last run (or it is in the quarantine); a failure to map quarantines it.</summary>
        private void Offer<T>(SourceItems<T> items, EventKind kind, string key, JsonElement entity, Func<T> map)
            where T : notnull
        {
            T record;
            try
            {
                record = map();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                items.Add(key, entity, map);
                return;
            }

            var version = BackstageMapper.Version(record);
            if (known.GetValueOrDefault(key) == version && !context.Quarantine.Holds(kind, key))
            {
                Seen[key] = version;
            }
            else if (items.Add(key, entity, () => record))
            {
                Seen[key] = version;
            }
        }

        /// <summary>Quarantined entities the catalog no longer has leave the quarantine.</summary>
        private void ReleaseGone(EventKind kind, HashSet<string> read)
        {
            foreach (var key in context.Quarantine.ToRetry(kind, int.MaxValue).Where(k => !read.Contains(k)))
            {
                context.Quarantine.Release(kind, key);
            }
        }
    }
}
