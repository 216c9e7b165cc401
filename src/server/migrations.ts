/**
 * Database schema, as a numbered list of migrations. `PRAGMA user_version` holds the number
 * of migrations applied; db.ts applies the rest in one transaction at start-up. Never edit
 * a migration that has shipped: add a new one.
 *
 * Times are ISO 8601 UTC text. Lists (availability, roles) are JSON arrays of codes.
 * Every table is STRICT, so a value of the wrong type is refused rather than coerced.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: the three submission kinds, with their consent record, and the staff action log.
  `
  CREATE TABLE volunteers (
    id INTEGER PRIMARY KEY,
    ref TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT '新登记',
    name TEXT NOT NULL,
    phone TEXT NOT NULL,
    email TEXT,
    county TEXT NOT NULL,
    age_group TEXT NOT NULL,
    guardian_name TEXT,
    guardian_phone TEXT,
    guardian_consent INTEGER NOT NULL DEFAULT 0,
    availability TEXT NOT NULL,
    roles TEXT NOT NULL,
    institution TEXT,
    experience TEXT,
    consent_version TEXT NOT NULL,
    consent_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX volunteers_created ON volunteers (created_at);
  CREATE INDEX volunteers_phone ON volunteers (phone);

  CREATE TABLE enrollments (
    id INTEGER PRIMARY KEY,
    ref TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    status TEXT NOT NULL,
    promoted_at TEXT,
    course TEXT NOT NULL,
    session TEXT NOT NULL,
    session_date TEXT NOT NULL,
    name TEXT NOT NULL,
    phone TEXT NOT NULL,
    people INTEGER NOT NULL CHECK (people BETWEEN 1 AND 20),
    consent_version TEXT NOT NULL,
    consent_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX enrollments_session ON enrollments (course, session, status);
  CREATE INDEX enrollments_created ON enrollments (created_at);

  CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    ref TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT '待处理',
    institution TEXT,
    page TEXT,
    problem TEXT NOT NULL,
    contact TEXT,
    consent_version TEXT,
    consent_at TEXT
  ) STRICT;
  CREATE INDEX reports_created ON reports (created_at);

  CREATE TABLE admin_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    kind TEXT NOT NULL,
    ref TEXT,
    detail TEXT
  ) STRICT;
  `,
  // 2: submissions sent faster than MIN_FILL_MS are kept for staff review instead of being
  // dropped behind a pretended success (a fast person is a person: autofill, a pasted code).
  `
  ALTER TABLE volunteers ADD COLUMN review TEXT;
  ALTER TABLE enrollments ADD COLUMN review TEXT;
  ALTER TABLE reports ADD COLUMN review TEXT;
  `,
];
