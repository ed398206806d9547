/**
 * The schema, one step per entry; a database's `user_version` says how many have run. Times are
 * milliseconds since the epoch. Secrets (kiosk and session tokens, visit codes, enrolment codes)
 * are stored as SHA-256 digests, PINs as scrypt hashes: a copy of this file leaks no credential.
 */
export const migrations: readonly string[] = [
  `
  CREATE TABLE facilities (id TEXT PRIMARY KEY, name TEXT NOT NULL);
  CREATE TABLE housing_units (
    id TEXT PRIMARY KEY,
    facility_id TEXT NOT NULL REFERENCES facilities(id),
    name TEXT NOT NULL
  );
  CREATE TABLE enrolment_codes (
    code_hash TEXT PRIMARY KEY,
    housing_unit_id TEXT NOT NULL REFERENCES housing_units(id),
    -- NULL: reusable (the demo code); otherwise counts down to 0.
    uses_remaining INTEGER,
    expires_at INTEGER
  );
  CREATE TABLE kiosks (
    id TEXT PRIMARY KEY,
    housing_unit_id TEXT NOT NULL REFERENCES housing_units(id),
    token_hash TEXT NOT NULL UNIQUE,
    enrolled_at INTEGER NOT NULL,
    last_seen_at INTEGER,
    last_status TEXT
  );
  CREATE TABLE inmates (
    id TEXT PRIMARY KEY,
    housing_unit_id TEXT NOT NULL REFERENCES housing_units(id),
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    pin_hash TEXT NOT NULL
  );
  -- Keyed by the ID as typed, whether or not such an inmate exists, so probing IDs locks out too.
  CREATE TABLE sign_in_failures (
    inmate_id TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    locked_until INTEGER
  );
  CREATE TABLE inmate_sessions (
    token_hash TEXT PRIMARY KEY,
    inmate_id TEXT NOT NULL REFERENCES inmates(id),
    kiosk_id TEXT NOT NULL REFERENCES kiosks(id),
    expires_at INTEGER NOT NULL
  );
  CREATE TABLE visitors (id TEXT PRIMARY KEY, first_name TEXT NOT NULL, last_name TEXT NOT NULL);
  CREATE TABLE visits (
    id TEXT PRIMARY KEY,
    inmate_id TEXT NOT NULL REFERENCES inmates(id),
    visitor_id TEXT NOT NULL REFERENCES visitors(id),
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL CHECK (ends_at > starts_at),
    privileged INTEGER NOT NULL CHECK (privileged IN (0, 1)),
    visitor_code_hash TEXT NOT NULL UNIQUE,
    ended_at INTEGER,
    end_reason TEXT
  );
  CREATE INDEX visits_by_inmate ON visits (inmate_id, starts_at);
  -- Idempotency is per kiosk: the primary key is what makes a redelivered key a duplicate.
  CREATE TABLE outbox_records (
    kiosk_id TEXT NOT NULL REFERENCES kiosks(id),
    key TEXT NOT NULL,
    type TEXT NOT NULL,
    created_at TEXT NOT NULL,
    payload TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (kiosk_id, key)
  );
  -- The server's own record of who was in a visit's room, to check kiosks' ledgers against.
  CREATE TABLE room_presence (
    id INTEGER PRIMARY KEY,
    visit_id TEXT NOT NULL REFERENCES visits(id),
    peer_id TEXT NOT NULL,
    role TEXT NOT NULL,
    joined_at INTEGER NOT NULL,
    left_at INTEGER
  );
  CREATE VIEW visit_ledger AS
    SELECT visit_id, role, SUM(left_at - joined_at) / 1000.0 AS connected_seconds, COUNT(*) AS sessions
    FROM room_presence WHERE left_at IS NOT NULL GROUP BY visit_id, role;
  CREATE TABLE server_secrets (name TEXT PRIMARY KEY, value BLOB NOT NULL);
  `,
  `
  -- When media flowed both ways in a visit, as the server saw it: what a kiosk's connected seconds
  -- are checked against. One row per unbroken stretch.
  CREATE TABLE media_flow (
    id INTEGER PRIMARY KEY,
    visit_id TEXT NOT NULL REFERENCES visits(id),
    started_at INTEGER NOT NULL,
    -- NULL while it flows, or after a crash until the next start closes it at checked_at.
    ended_at INTEGER,
    -- The last time it was seen flowing, kept up to date while it does.
    checked_at INTEGER NOT NULL
  );
  CREATE INDEX media_flow_by_visit ON media_flow (visit_id);
  -- Kiosks' ledgers looked up by visit, for the comparison with media_flow.
  CREATE INDEX outbox_ledgers_by_visit ON outbox_records (json_extract(payload, '$.visitId'))
    WHERE type = 'visit.ledger';
  `,
  `
  -- Lockouts count per kiosk and ID: failing on purpose locks an ID at one kiosk, not everywhere.
  -- Guessing across IDs is held back by a throttle per kiosk, kept in memory.
  DROP TABLE sign_in_failures;
  CREATE TABLE sign_in_failures (
    kiosk_id TEXT NOT NULL,
    inmate_id TEXT NOT NULL,
    failures INTEGER NOT NULL,
    locked_until INTEGER,
    PRIMARY KEY (kiosk_id, inmate_id)
  );
  `,
  `
  -- Officers and technicians. PINs as scrypt hashes, like inmates'; they never leave the server.
  CREATE TABLE staff (
    id TEXT PRIMARY KEY,
    staff_number TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('officer', 'technician')),
    -- Where the person usually works; staff sign in at any kiosk of the facility.
    housing_unit_id TEXT REFERENCES housing_units(id),
    pin_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  -- Keyed by the number as typed, existing or not. Each lockout in a row lasts longer (backoff).
  CREATE TABLE staff_sign_in_failures (
    staff_number TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    lockouts INTEGER NOT NULL,
    locked_until INTEGER
  );
  CREATE TABLE staff_sessions (
    token_hash TEXT PRIMARY KEY,
    staff_id TEXT NOT NULL REFERENCES staff(id),
    place TEXT NOT NULL CHECK (place IN ('kiosk', 'console')),
    kiosk_id TEXT REFERENCES kiosks(id),
    expires_at INTEGER NOT NULL
  );
  -- Every staff action and failed staff sign-in, at a kiosk or the console, on the server's clock.
  -- Records a kiosk delivered carry its outbox key, which makes a redelivery a no-op.
  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    place TEXT NOT NULL CHECK (place IN ('kiosk', 'console', 'server')),
    staff_id TEXT,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    kiosk_id TEXT,
    housing_unit_id TEXT,
    outcome TEXT NOT NULL,
    detail TEXT NOT NULL,
    source_key TEXT UNIQUE
  );
  CREATE INDEX audit_log_by_time ON audit_log (at);
  -- One-time codes for staff sign-in at a kiosk that cannot reach the server: scrypt verifiers only.
  CREATE TABLE offline_codes (
    id TEXT PRIMARY KEY,
    housing_unit_id TEXT NOT NULL REFERENCES housing_units(id),
    staff_id TEXT NOT NULL REFERENCES staff(id),
    verifier TEXT NOT NULL,
    issued_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER,
    used_at_kiosk TEXT,
    -- Set when the console issued the code that replaces this used one.
    replaced_at INTEGER
  );
  CREATE INDEX offline_codes_by_unit ON offline_codes (housing_unit_id, expires_at);
  `,
  `
  -- Diagnostics bundles kiosks sent when staff asked; the newest few per kiosk are kept.
  CREATE TABLE kiosk_diagnostics (
    id TEXT PRIMARY KEY,
    kiosk_id TEXT NOT NULL REFERENCES kiosks(id),
    requested_by TEXT,
    requested_at INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    size_bytes INTEGER NOT NULL,
    bundle TEXT NOT NULL
  );
  CREATE INDEX kiosk_diagnostics_by_kiosk ON kiosk_diagnostics (kiosk_id, received_at);
  `,
  `
  -- Where in its unit a kiosk stands ("B-East dayroom 2"), as the technician who placed it named it.
  ALTER TABLE kiosks ADD COLUMN location TEXT;
  -- A technician's first-boot setup of a kiosk: short-lived, and good for listing units and enrolling only.
  CREATE TABLE setup_sessions (
    token_hash TEXT PRIMARY KEY,
    staff_id TEXT NOT NULL REFERENCES staff(id),
    expires_at INTEGER NOT NULL
  );
  -- The kiosk a setup's enrol request made, keyed by the kiosk's own request ID, so a kiosk that lost
  -- the answer asks again and gets the same kiosk (with a new token) rather than a second one.
  CREATE TABLE setup_enrolments (
    request_id TEXT PRIMARY KEY,
    kiosk_id TEXT NOT NULL REFERENCES kiosks(id)
  );
  `,
  `
  -- A setup session opened with an enrolment code instead of a technician's PIN: it lives no longer
  -- than its code does, and enrolling with it uses one of the code's uses.
  CREATE TABLE setup_code_sessions (
    token_hash TEXT PRIMARY KEY,
    code_hash TEXT NOT NULL REFERENCES enrolment_codes(code_hash),
    expires_at INTEGER NOT NULL
  );
  `,
  `
  -- The update channel each unit's kiosks follow (stable, pilot).
  ALTER TABLE housing_units ADD COLUMN update_channel TEXT NOT NULL DEFAULT 'stable';
  -- What kiosks reported an update did, keyed by the report's own ID so a resent report counts once.
  CREATE TABLE update_reports (
    id TEXT PRIMARY KEY,
    kiosk_id TEXT NOT NULL REFERENCES kiosks(id),
    version TEXT NOT NULL,
    outcome TEXT NOT NULL,
    running TEXT NOT NULL,
    reported_at INTEGER NOT NULL
  );
  CREATE INDEX update_reports_by_version ON update_reports (version, outcome);
  -- Versions the feed no longer offers to any kiosk.
  CREATE TABLE bad_versions (
    version TEXT PRIMARY KEY,
    reason TEXT NOT NULL,
    marked_at INTEGER NOT NULL
  );
  `,
  `
  -- When a technician decommissioned the kiosk: its token is no longer accepted from then on.
  ALTER TABLE kiosks ADD COLUMN decommissioned_at INTEGER;
  `,
  `
  -- A visit booked for sign language: its video keeps the frame rate over resolution.
  ALTER TABLE visits ADD COLUMN sign_language INTEGER NOT NULL DEFAULT 0 CHECK (sign_language IN (0, 1));
  `,
  `
  -- The last network and media check the console had the kiosk run, as the kiosk judged it (JSON).
  ALTER TABLE kiosks ADD COLUMN last_media_check TEXT;
  `,
];
