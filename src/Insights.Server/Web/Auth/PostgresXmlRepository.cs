using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Insights.Server.Web.Auth;

/// <summary>
/// The data-protection key ring in PostgreSQL (sql/postgres/0009_data_protection_keys.sql): session
/// cookies and antiforgery tokens stay readable after a restart and on every instance. Keys are
/// protected at rest only by the database's own access rules, like the API keys' hashes beside them.
/// </summary>
public sealed class PostgresXmlRepository(NpgsqlDataSource db) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = db.OpenConnection();
        return connection.Query<string>(new CommandDefinition("SELECT xml FROM data_protection_keys ORDER BY created_at"))
            .Select(xml => XElement.Parse(xml))
            .ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = db.OpenConnection();
        // Two instances creating their first key at once both store theirs; the ring holds both.
        connection.Execute(new CommandDefinition(
            "INSERT INTO data_protection_keys (name, xml) VALUES (@name, @xml) ON CONFLICT (name) DO NOTHING",
            new { name = friendlyName, xml = element.ToString(SaveOptions.DisableFormatting) }));
    }
}
