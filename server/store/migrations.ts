import "server-only";

/** Applied in order, once each, inside one transaction per migration. Never edit a shipped one: add the next. */
export const migrations: { id: number; name: string; sql: string }[] = [
  {
    id: 1,
    name: "init",
    sql: `
      CREATE TABLE jobs (
        id          text PRIMARY KEY,
        kind        text NOT NULL,
        context     text NOT NULL,
        status      text NOT NULL,
        progress    real NOT NULL DEFAULT 0,
        message     text NOT NULL DEFAULT '',
        params      jsonb NOT NULL DEFAULT '{}'::jsonb,
        result      jsonb,
        error       jsonb,
        created_by  text NOT NULL DEFAULT 'anonymous',
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      );
      CREATE INDEX jobs_kind_created ON jobs (kind, created_at DESC);

      CREATE TABLE reports (
        id             text PRIMARY KEY,
        title          text NOT NULL,
        note           text NOT NULL DEFAULT '',
        context        text NOT NULL,
        server         text NOT NULL DEFAULT '',
        schema_version integer NOT NULL,
        body           jsonb NOT NULL,
        created_by     text NOT NULL DEFAULT 'anonymous',
        created_at     timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX reports_created ON reports (created_at DESC);

      CREATE TABLE audit_log (
        id      bigserial PRIMARY KEY,
        at      timestamptz NOT NULL DEFAULT now(),
        actor   text NOT NULL,
        action  text NOT NULL,
        target  text NOT NULL DEFAULT '',
        details jsonb NOT NULL DEFAULT '{}'::jsonb
      );
      CREATE INDEX audit_log_at ON audit_log (at DESC);
    `,
  },
  {
    id: 2,
    name: "captures",
    sql: `
      CREATE TABLE captures (
        id         text PRIMARY KEY,
        target     text NOT NULL,
        params     jsonb NOT NULL DEFAULT '{}'::jsonb,
        bytes      bytea NOT NULL,
        created_by text NOT NULL DEFAULT 'anonymous',
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    id: 3,
    name: "settings and revoked sessions",
    sql: `
      CREATE TABLE settings (
        key   text PRIMARY KEY,
        value text NOT NULL
      );
      CREATE TABLE revoked_sessions (
        sid        text PRIMARY KEY,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX captures_created ON captures (created_at);
    `,
  },
];
