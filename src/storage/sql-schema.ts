// One way for every SQLite-backed Durable Object to set up its tables: create what is missing,
// bring older objects forward by their recorded schema version, record the current one.

/**
 * `schema` is idempotent DDL (CREATE … IF NOT EXISTS) for the current version; `migrations[v]`
 * takes an object at version v − 1 to v (an object first made at the current version needs none).
 * Run inside `blockConcurrencyWhile`, before the object serves anything.
 */
export function applySchema(sql: SqlStorage, schema: string, version: number, migrations: Record<number, string> = {}): void {
  sql.exec(`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
  const recorded = sql.exec<{ value: string }>(`SELECT value FROM meta WHERE key = 'schema_version'`).toArray()[0];
  if (recorded) {
    for (let v = Number(recorded.value) + 1; v <= version; v++) if (migrations[v]) sql.exec(migrations[v]);
  }
  sql.exec(schema);
  sql.exec(`INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)`, String(version));
}
