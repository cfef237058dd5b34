// src/platform/db/database.ts
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, Migrator, PostgresDialect } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";

// src/platform/db/migrations/2026_11_23_001_register.ts
import { sql } from "kysely";

// src/platform/db/migrations/2026_11_23_002_intake.ts
import { sql as sql2 } from "kysely";

// src/platform/db/migrations/2026_11_29_003_risk.ts
import { sql as sql3 } from "kysely";

// src/platform/db/migrations/2026_11_29_004_selection.ts
import { sql as sql4 } from "kysely";

// src/platform/db/migrations/2026_11_29_005_cases.ts
import { sql as sql5 } from "kysely";

// src/platform/db/migrations/2026_11_29_006_case_search.ts
import { sql as sql6 } from "kysely";

// src/platform/db/migrations/sql-script.ts
import { sql as sql7 } from "kysely";
function sqlScriptMigration(up8, down8) {
  return { up: (db) => runScript(db, up8), down: (db) => runScript(db, down8) };
}
async function runScript(db, script) {
  for (const statement of script.split(/;\n(?=\s*(?:CREATE|DROP|ALTER|INSERT|UPDATE|DELETE|COMMENT|--|$))/)) {
    if (statement.trim()) await sql7.raw(statement).execute(db);
  }
}

// src/platform/db/migrations/2026_11_29_007_case_change_seq.ts
var UP = `
    CREATE SEQUENCE case_file_change_seq;
    ALTER TABLE case_file ADD COLUMN change_seq bigint NOT NULL DEFAULT nextval('case_file_change_seq');
    CREATE INDEX case_file_change_seq_idx ON case_file (change_seq);

    CREATE FUNCTION case_file_next_change_seq() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.change_seq := nextval('case_file_change_seq');
      RETURN NEW;
    END $$;
    CREATE TRIGGER case_file_change_seq_update BEFORE UPDATE ON case_file
      FOR EACH ROW EXECUTE FUNCTION case_file_next_change_seq();
`;
var DOWN = `
    DROP TRIGGER case_file_change_seq_update ON case_file;
    DROP FUNCTION case_file_next_change_seq();
    DROP INDEX case_file_change_seq_idx;
    ALTER TABLE case_file DROP COLUMN change_seq;
    DROP SEQUENCE case_file_change_seq;
`;
var { up, down } = sqlScriptMigration(UP, DOWN);

// src/platform/db/migrations/2026_11_29_008_staff_directory.ts
var UP2 = `
    CREATE TABLE staff_member (
      subject text PRIMARY KEY,
      name text NOT NULL,
      email text,
      roles text[] NOT NULL,
      department text,
      first_seen_at timestamptz NOT NULL DEFAULT now(),
      -- The latest sign-in; null for someone known only from the development identity provider's list.
      last_seen_at timestamptz,
      -- Offered in the pickers; false keeps the name for what they did without offering them for new work.
      active boolean NOT NULL DEFAULT true
    );
    INSERT INTO staff_member (subject, name, email, roles, department, first_seen_at, last_seen_at)
      SELECT DISTINCT ON (subject) subject, name, email, roles, department, min(created_at) OVER (PARTITION BY subject), created_at
      FROM staff_session
      WHERE NOT ('provider_representative' = ANY (roles))
      ORDER BY subject, created_at DESC;
`;
var DOWN2 = `
    DROP TABLE staff_member;
`;
var { up: up2, down: down2 } = sqlScriptMigration(UP2, DOWN2);

// src/platform/db/migrations/2026_11_29_009_request_withdrawal.ts
var UP3 = `
    ALTER TABLE case_request
      ADD COLUMN withdrawn_at timestamptz,
      ADD COLUMN withdrawn_by text,
      ADD COLUMN withdrawn_by_name text;
    UPDATE case_request r
      SET withdrawn_at = a.occurred_at,
          withdrawn_by = CASE WHEN a.actor LIKE 'staff:%' THEN substr(a.actor, 7) END,
          withdrawn_by_name = (SELECT m.name FROM staff_member m WHERE a.actor = 'staff:' || m.subject)
      FROM audit_log a
      WHERE r.status = 'withdrawn'
        AND a.action = 'case.request_withdraw'
        AND a.entity_type = 'case'
        AND a.entity_id = r.case_id::text
        AND a.details->>'requestId' = r.id::text;
`;
var DOWN3 = `
    ALTER TABLE case_request DROP COLUMN withdrawn_at, DROP COLUMN withdrawn_by, DROP COLUMN withdrawn_by_name;
`;
var { up: up3, down: down3 } = sqlScriptMigration(UP3, DOWN3);

// src/platform/db/migrations/2026_11_29_010_risk_runs_national_only.ts
var UP4 = `
    UPDATE risk_score s SET run_id = (SELECT max(n.id) FROM risk_run n WHERE n.kind = 'national' AND n.id < s.run_id)
      WHERE s.run_id IN (SELECT id FROM risk_run WHERE kind = 'unit');
    DELETE FROM risk_run WHERE kind = 'unit';
    ALTER TABLE risk_run DROP CONSTRAINT risk_run_kind_check;
    ALTER TABLE risk_run ADD CONSTRAINT risk_run_kind_check CHECK (kind = 'national');
    COMMENT ON COLUMN risk_score.run_id IS 'The national run whose parameters the score was computed against (by that run, or by a rescoring since)';
`;
var DOWN4 = `
    COMMENT ON COLUMN risk_score.run_id IS NULL;
    ALTER TABLE risk_run DROP CONSTRAINT risk_run_kind_check;
    ALTER TABLE risk_run ADD CONSTRAINT risk_run_kind_check CHECK (kind IN ('national', 'unit'));
`;
var { up: up4, down: down4 } = sqlScriptMigration(UP4, DOWN4);

// src/platform/db/migrations/2026_11_29_011_risk_score_without_cusum_path.ts
var UP5 = `
    ALTER TABLE risk_score DROP COLUMN cusum_path;
`;
var DOWN5 = `
    ALTER TABLE risk_score ADD COLUMN cusum_path double precision[] NOT NULL DEFAULT '{}';
`;
var { up: up5, down: down5 } = sqlScriptMigration(UP5, DOWN5);

// src/platform/db/migrations/2026_11_29_012_risk_score_without_contributions.ts
var UP6 = `
    ALTER TABLE risk_score DROP COLUMN contributions;
`;
var DOWN6 = `
    ALTER TABLE risk_score ADD COLUMN contributions jsonb NOT NULL DEFAULT '[]';
`;
var { up: up6, down: down6 } = sqlScriptMigration(UP6, DOWN6);

// src/platform/db/migrations/2026_11_29_013_risk_history_bytes.ts
import { sql as sql8 } from "kysely";

// src/platform/db/migrations/2026_11_29_014_risk_score_fillfactor.ts
var UP7 = `
    ALTER TABLE risk_score SET (fillfactor = 50);
`;
var DOWN7 = `
    ALTER TABLE risk_score RESET (fillfactor);
`;
var { up: up7, down: down7 } = sqlScriptMigration(UP7, DOWN7);

// src/platform/db/database.ts
var INT8 = 20;
var DATE = 1082;
var BYTEA = 17;
pg.types.setTypeParser(INT8, (value) => Number(value));
pg.types.setTypeParser(DATE, (value) => value);
var pgliteParsers = {
  [INT8]: (value) => Number(value),
  [DATE]: (value) => value,
  [BYTEA]: (value) => Buffer.from(value.slice(2), "hex")
};
async function openDatabase(options) {
  let dialect;
  let kind;
  let listen;
  if (options.databaseUrl) {
    const databaseUrl = options.databaseUrl;
    kind = "postgres";
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    pool.on("error", (error) => process.emitWarning(`PostgreSQL dropped an idle connection: ${error.message}`));
    dialect = new PostgresDialect({ pool });
    listen = async (channel, onNotify) => {
      assertChannelName(channel);
      const client = new pg.Client({ connectionString: databaseUrl });
      client.on("error", (error) => process.emitWarning(`LISTEN ${channel}: ${error.message}`));
      await client.connect();
      client.on("notification", (message) => {
        if (message.channel === channel) onNotify();
      });
      await client.query(`LISTEN ${channel}`);
      return () => client.end();
    };
  } else {
    kind = "pglite";
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    const pglite = await PGlite.create({ dataDir: options.dataDir, parsers: pgliteParsers, loadDataDir: options.loadDataDir });
    dialect = new PGliteDialect(pglite);
    listen = async (channel, onNotify) => {
      assertChannelName(channel);
      const stop = await pglite.listen(channel, () => onNotify());
      return () => stop();
    };
  }
  const db = new Kysely({ dialect });
  return { db, kind, listen, close: () => db.destroy() };
}
function assertChannelName(channel) {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new RangeError(`not a channel name: ${channel}`);
}

// src/modules/risk/risk-data.ts
import { sql as sql9 } from "kysely";

// src/modules/registry/codes.ts
var SIGNAL_CHANNELS = [
  "tip",
  "child_line",
  "inquiry",
  "complaint",
  "lex_maria",
  "lex_sarah",
  "unexecuted_decision",
  "work_environment",
  "police",
  "media",
  "inspection_finding",
  "other"
];

// src/modules/risk/method.ts
var CHANNEL_RULES = {
  tip: { stream: "external", likelihoodRatio: 1, label: ["tips", "tips"] },
  child_line: { stream: "external", likelihoodRatio: 1.3, label: ["samtal till Barn- och ungdomslinjen", "samtal till Barn- och ungdomslinjen"] },
  complaint: { stream: "external", likelihoodRatio: 1, label: ["klagom\xE5l", "klagom\xE5l"] },
  inquiry: { stream: "external", likelihoodRatio: 0.7, label: ["samtal till upplysningstj\xE4nsten", "samtal till upplysningstj\xE4nsten"] },
  police: { stream: "external", likelihoodRatio: 1.3, label: ["polisanm\xE4lan", "polisanm\xE4lningar"] },
  work_environment: { stream: "external", likelihoodRatio: 1.2, label: ["signal fr\xE5n Arbetsmilj\xF6verket", "signaler fr\xE5n Arbetsmilj\xF6verket"] },
  media: { stream: "external", likelihoodRatio: 1.2, label: ["mediauppgift", "mediauppgifter"] },
  other: { stream: "external", likelihoodRatio: 0.7, label: ["\xF6vrig signal", "\xF6vriga signaler"] },
  lex_maria: { stream: "provider", likelihoodRatio: 0, label: ["lex Maria-anm\xE4lan", "lex Maria-anm\xE4lningar"] },
  lex_sarah: { stream: "provider", likelihoodRatio: 0, label: ["lex Sarah-rapport", "lex Sarah-rapporter"] },
  unexecuted_decision: { stream: "none", likelihoodRatio: 0, label: ["ej verkst\xE4llt beslut", "ej verkst\xE4llda beslut"] },
  inspection_finding: { stream: "none", likelihoodRatio: 0, label: ["inspektionsiakttagelse", "inspektionsiakttagelser"] }
};
var SEVERITY_LIKELIHOOD_RATIO = { 1: 0.5, 2: 1, 3: 1.6, 4: 2.5 };
var UNKNOWN_SEVERITY = 2;
var SERIOUS_SEVERITY = 3;
var METHOD = {
  /** Weeks of signal history the scan looks at (five years). */
  horizonWeeks: 260,
  /** Weeks behind the national rates, the time profile and the shrinkage: the two years before the as-of date. */
  referenceWeeks: 104,
  /** Size bands within a form (quintiles of size among the form's open units). */
  sizeBands: 5,
  /** The rise a change scan and CUSUM look for: a tripling of the unit's own rate. */
  changeMultiplier: 3,
  /** The Poisson CUSUM that raises alarms runs over the last year, with the in-control rate from before it. */
  cusumWeeks: 52,
  /** National false-alarm budget: about this many new CUSUM alarms a week across the country. */
  alarmsPerWeek: 20,
  /** The peer funnel for all external signals looks at the last 26 weeks. */
  peerWindowWeeks: 26,
  /**
   * Severity and recency in the CMS manner: age bands (weeks) and their weights ½, ⅓, ⅙ for serious signals
   * in the last year.
   */
  recencyBands: [
    { fromWeek: 0, toWeek: 13, weight: 1 / 2 },
    { fromWeek: 13, toWeek: 26, weight: 1 / 3 },
    { fromWeek: 26, toWeek: 52, weight: 1 / 6 }
  ],
  /** Winsorising of z-scores when estimating the between-unit variance τ². */
  winsor: 0.1,
  /** τ² is estimated from units expecting at least this many signals (the square-root scale needs it). */
  tauMinExpected: 1,
  /** An acute signal this recent lifts the unit regardless of its score. */
  acuteTriggerDays: 14,
  /** Acute signals in this window count in the score. */
  acuteWindowDays: 90,
  /** Inspection findings count for three years, in the age bands (months) and weights below. */
  inspectionBands: [
    { fromMonth: 0, toMonth: 12, weight: 1 / 2 },
    { fromMonth: 12, toMonth: 24, weight: 1 / 3 },
    { fromMonth: 24, toMonth: 36, weight: 1 / 6 }
  ],
  /** Points for an inspection's decision; deficiencies add `pointsPerDeficiency` each, up to `maxDeficiencies`. */
  outcomePoints: { no_remarks: 0, criticism: 1, demand_actions: 2, injunction: 4, ban: 6, revocation: 6 },
  pointsPerDeficiency: 0.5,
  maxDeficiencies: 8,
  /** Time since the last inspection counts from this many years, one point a year up to `maxOverdueYears`. */
  overdueAfterYears: 3,
  maxOverdueYears: 5,
  /** Indicators: EWMA smoothing over the periods of the last year against the unit's own earlier level. */
  ewmaLambda: 0.5,
  indicatorRecentDays: 365,
  /** Indicator history used at all (five years). */
  indicatorHistoryDays: 5 * 365,
  /**
   * The 0–1 scale: score = raw / (raw + scoreHalfAt). 0.5 at raw = ln 99 ≈ 4.6: were the raw score an exact
   * log-likelihood ratio, the evidence at which a unit with a 1 % prior is as likely deteriorating as not.
   */
  scoreHalfAt: Math.log(99),
  /**
   * Units lifted by a hard trigger get at least this score: the level of the roughly 1 % of units with the
   * strongest evidence (raw ≈ 7), so a triggered unit is always among those flagged nationally, without
   * pushing aside the units with overwhelming evidence. Triggered units are also marked (`triggers`).
   */
  triggerScoreFloor: 0.6,
  /** Contributions smaller than this (weight × value) give no reason sentence. */
  reasonThreshold: 0.5,
  /** At most this many reasons per unit (hard triggers always shown). */
  maxReasons: 4
};
var WEIGHTS = {
  /** Self-starting Poisson–gamma change scan (log-likelihood ratio of a k-fold rise). */
  change: 1,
  /** Over-dispersed funnel z of external signals, last 26 weeks, against peers of the same form and size. */
  signals_vs_peers: 0.5,
  /** Over-dispersed funnel z of serious signals, CMS-weighted by age, against peers. */
  serious_vs_peers: 0.5,
  /** EWMA of indicators' declines against the unit's own earlier level (summed over the unit's indicators). */
  indicator_trend: 2,
  /** Over-dispersed funnel z of the latest indicator value against the national level (largest). */
  indicator_level: 0.2,
  /** Inspection findings and decisions of the last three years, CMS-weighted by age. */
  inspection_findings: 0.4,
  /** Years beyond three since the last inspection (or since the unit opened). */
  inspection_overdue: 0.2,
  /** A permit currently banned, revoked, stayed (inhibition) or with a revocation under appeal. */
  permit_status: 4,
  /** Serious permit decisions earlier in the unit's history. */
  permit_history: 1,
  /** Acute signals in the last 90 days. */
  acute_signals: 2,
  /** Provider reports (lex Maria, lex Sarah) at or above the expected level: a small credit. */
  reporting_culture: 0.3
};
var SEVERE_PERMIT_STATUSES = ["banned", "revoked", "inhibition", "appeal_pending"];

// src/modules/risk/risk-data.ts
function asOfDate(date) {
  const day = /* @__PURE__ */ new Date(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== date) {
    throw new RangeError(`as-of must be a date YYYY-MM-DD, got "${date}"`);
  }
  return { date, cutoff: new Date(day.getTime() + 864e5).toISOString() };
}
async function loadUnitSignals(db, asOf) {
  const only = asOf.unitIds ?? null;
  const channels = [...SIGNAL_CHANNELS];
  const unitRows = await sql9`
    SELECT u.id, u.form, u.size, u.opened::text AS opened, h.codes
    FROM unit u
    LEFT JOIN risk_signal_history h ON h.unit_id = u.id
    WHERE (u.opened IS NULL OR u.opened <= ${asOf.date}::date)
      AND (u.closed IS NULL OR u.closed >= ${asOf.date}::date)
      AND (${only}::text[] IS NULL OR u.id = ANY(${only}::text[]))
  `.execute(db);
  const asOfDay = Date.parse(`${asOf.date}T00:00:00Z`) / 864e5;
  const horizonDays = METHOD.horizonWeeks * 7;
  const severityOf = (code) => code === 0 ? UNKNOWN_SEVERITY : code;
  const streamByte = new Uint8Array(256);
  const lrByte = new Float64Array(256);
  const logLrByte = new Float64Array(256);
  const seriousByte = new Uint8Array(256);
  const channelByte = new Array(256);
  for (let rest = 0; rest < 256; rest++) {
    const channel = Math.floor(rest / 10);
    const severityCode = Math.floor(rest % 10 / 2);
    if (channel >= channels.length || severityCode > 4) continue;
    const stream = CHANNEL_RULES[channels[channel]].stream;
    streamByte[rest] = stream === "external" ? 1 : stream === "provider" ? 2 : 0;
    lrByte[rest] = CHANNEL_RULES[channels[channel]].likelihoodRatio * SEVERITY_LIKELIHOOD_RATIO[severityOf(severityCode)];
    logLrByte[rest] = Math.log(lrByte[rest]);
    seriousByte[rest] = severityOf(severityCode) >= SERIOUS_SEVERITY ? 1 : 0;
    channelByte[rest] = channels[channel];
  }
  const [b0, b1, b2] = METHOD.recencyBands;
  const channelCounts = /* @__PURE__ */ new Map();
  const weekCount = new Float64Array(METHOD.horizonWeeks);
  const weekLogLr = new Float64Array(METHOD.horizonWeeks);
  const weekSerious = new Float64Array(METHOD.horizonWeeks);
  const units = unitRows.rows.map((unit) => {
    const row = {
      id: unit.id,
      form: unit.form,
      size: unit.size,
      opened: unit.opened,
      weeks: [],
      counts: [],
      log_lr: [],
      serious_counts: [],
      external_ref: 0,
      lr_ref: 0,
      serious_ref: 0,
      provider_ref: 0,
      external_recent: 0,
      serious_b0: 0,
      serious_b1: 0,
      serious_b2: 0,
      provider_52w: 0,
      acute_recent: 0,
      last_acute: null
    };
    if (!unit.codes) return row;
    let lastAcuteDay = -1;
    let firstWeek = METHOD.horizonWeeks;
    let lastWeek = -1;
    const counts = { recent: {}, provider: {} };
    const bytes = unit.codes;
    for (let at = 0; at < bytes.length; at += 4) {
      const code = bytes[at] << 24 | bytes[at + 1] << 16 | bytes[at + 2] << 8 | bytes[at + 3];
      const day = asOfDay - (code >> 8);
      if (day < 0 || day >= horizonDays) continue;
      const rest = code & 255;
      if (rest & 1) {
        if (day < METHOD.acuteWindowDays) row.acute_recent++;
        if (lastAcuteDay < 0 || day < lastAcuteDay) lastAcuteDay = day;
      }
      const week = Math.floor(day / 7);
      const stream = streamByte[rest];
      if (stream === 1) {
        const serious = seriousByte[rest] === 1;
        if (week < firstWeek) firstWeek = week;
        if (week > lastWeek) lastWeek = week;
        weekCount[week]++;
        weekLogLr[week] += logLrByte[rest];
        if (serious) weekSerious[week]++;
        if (week < METHOD.referenceWeeks) {
          row.external_ref++;
          row.lr_ref += lrByte[rest];
          if (serious) row.serious_ref++;
        }
        if (week < METHOD.peerWindowWeeks) {
          row.external_recent++;
          const name = channelByte[rest];
          counts.recent[name] = (counts.recent[name] ?? 0) + 1;
        }
        if (serious) {
          if (week >= b0.fromWeek && week < b0.toWeek) row.serious_b0++;
          else if (week >= b1.fromWeek && week < b1.toWeek) row.serious_b1++;
          else if (week >= b2.fromWeek && week < b2.toWeek) row.serious_b2++;
        }
      } else if (stream === 2) {
        if (week < METHOD.referenceWeeks) row.provider_ref++;
        if (week < 52) {
          row.provider_52w++;
          const name = channelByte[rest];
          counts.provider[name] = (counts.provider[name] ?? 0) + 1;
        }
      }
    }
    if (lastAcuteDay >= 0) row.last_acute = new Date((asOfDay - lastAcuteDay) * 864e5).toISOString().slice(0, 10);
    for (let week = firstWeek; week <= lastWeek; week++) {
      if (weekCount[week] === 0) continue;
      row.weeks.push(week);
      row.counts.push(weekCount[week]);
      row.log_lr.push(weekLogLr[week]);
      row.serious_counts.push(weekSerious[week]);
      weekCount[week] = 0;
      weekLogLr[week] = 0;
      weekSerious[week] = 0;
    }
    channelCounts.set(unit.id, counts);
    return row;
  });
  return { units, channels: channelCounts };
}
async function loadIndicatorSeries(db, asOf) {
  const result = await sql9`
    SELECT iv.unit_id, iv.indicator, iv.direction,
           array_agg(iv.period_end::text ORDER BY iv.period_end) AS period_ends,
           array_agg(iv.value ORDER BY iv.period_end) AS values,
           array_agg(coalesce(iv.denominator, 0) ORDER BY iv.period_end) AS denominators
    FROM indicator_value iv
    JOIN unit u ON u.id = iv.unit_id
    WHERE iv.period_end <= ${asOf.date}::date
      AND iv.period_end > ${asOf.date}::date - ${METHOD.indicatorHistoryDays}::int
      AND (u.opened IS NULL OR u.opened <= ${asOf.date}::date)
      AND (u.closed IS NULL OR u.closed >= ${asOf.date}::date)
      AND (${asOf.unitIds ?? null}::text[] IS NULL OR iv.unit_id = ANY(${asOf.unitIds ?? null}::text[]))
    GROUP BY iv.unit_id, iv.indicator, iv.direction
  `.execute(db);
  return result.rows;
}
async function loadInspections(db, asOf) {
  const result = await sql9`
    SELECT unit_id, max(date)::text AS last_date,
           coalesce(array_agg(date::text ORDER BY date DESC) FILTER (WHERE date > ${asOf.date}::date - interval '36 months'), '{}') AS dates,
           coalesce(array_agg(deficiencies ORDER BY date DESC) FILTER (WHERE date > ${asOf.date}::date - interval '36 months'), '{}') AS deficiencies,
           coalesce(array_agg(outcome ORDER BY date DESC) FILTER (WHERE date > ${asOf.date}::date - interval '36 months'), '{}') AS outcomes
    FROM inspection
    WHERE date <= ${asOf.date}::date
      AND (${asOf.unitIds ?? null}::text[] IS NULL OR unit_id = ANY(${asOf.unitIds ?? null}::text[]))
    GROUP BY unit_id
  `.execute(db);
  const coverage = await sql9`
    SELECT min(date)::text AS first FROM inspection WHERE date <= ${asOf.date}::date
  `.execute(db);
  return { rows: result.rows, coverageStart: coverage.rows[0]?.first ?? null };
}
async function loadPermits(db, asOf) {
  const serious = [...SEVERE_PERMIT_STATUSES];
  const result = await sql9`
    WITH history AS (
      SELECT p.unit_id, ps.permit_id, ps.status, ps.valid_from,
             row_number() OVER (PARTITION BY ps.permit_id ORDER BY ps.valid_from DESC, ps.seq DESC) AS newest
      FROM permit p
      JOIN permit_status ps ON ps.permit_id = p.id
      WHERE p.unit_id IS NOT NULL AND ps.valid_from <= ${asOf.date}::date
        AND (${asOf.unitIds ?? null}::text[] IS NULL OR p.unit_id = ANY(${asOf.unitIds ?? null}::text[]))
    ),
    ranked AS (
      SELECT unit_id, status, valid_from, newest = 1 AS in_force,
             array_position(${serious}::text[], status) AS gravity
      FROM history
    )
    SELECT unit_id,
           (array_agg(status ORDER BY gravity, valid_from DESC) FILTER (WHERE in_force AND gravity IS NOT NULL))[1] AS current_status,
           (array_agg(valid_from::text ORDER BY gravity, valid_from DESC) FILTER (WHERE in_force AND gravity IS NOT NULL))[1] AS current_from,
           count(*) FILTER (WHERE NOT in_force AND gravity IS NOT NULL)::int AS earlier_serious,
           max(valid_from::text) FILTER (WHERE NOT in_force AND gravity IS NOT NULL) AS earlier_last
    FROM ranked
    GROUP BY unit_id
    HAVING count(*) FILTER (WHERE gravity IS NOT NULL) > 0
  `.execute(db);
  return result.rows;
}

// src/modules/risk/score-units.ts
import { sql as sql10 } from "kysely";

// src/platform/dates.ts
var STOCKHOLM = "Europe/Stockholm";
var swedishDateFormat = new Intl.DateTimeFormat("sv-SE", { timeZone: STOCKHOLM, year: "numeric", month: "2-digit", day: "2-digit" });
var swedishDateTimeFormat = new Intl.DateTimeFormat("sv-SE", { timeZone: STOCKHOLM, dateStyle: "short", timeStyle: "short" });
var swedishLongDateFormat = new Intl.DateTimeFormat("sv-SE", { timeZone: STOCKHOLM, day: "numeric", month: "long", year: "numeric" });
var swedishLongDateTimeFormat = new Intl.DateTimeFormat("sv-SE", { timeZone: STOCKHOLM, dateStyle: "long", timeStyle: "short" });
var longDateFormat = new Intl.DateTimeFormat("sv-SE", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });
var monthYearFormat = new Intl.DateTimeFormat("sv-SE", { timeZone: "UTC", month: "long", year: "numeric" });
function addDays(day, days) {
  const date = /* @__PURE__ */ new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
function formatLongDate(day) {
  return longDateFormat.format(/* @__PURE__ */ new Date(`${day}T00:00:00Z`));
}
function formatMonthYear(month) {
  return monthYearFormat.format(/* @__PURE__ */ new Date(`${month}-01T00:00:00Z`));
}

// src/modules/risk/explain.ts
var number1 = new Intl.NumberFormat("sv-SE", { maximumFractionDigits: 1, minimumFractionDigits: 1 });
var number2 = new Intl.NumberFormat("sv-SE", { maximumFractionDigits: 2, minimumFractionDigits: 2 });
var integer = new Intl.NumberFormat("sv-SE", { maximumFractionDigits: 0 });
function decimal(x) {
  if (Math.abs(x) >= 10) return integer.format(x);
  return Math.abs(x) < 0.1 && x !== 0 ? number2.format(x) : number1.format(x);
}
function percent(p) {
  return `${integer.format(p * 100)} %`;
}
var FORM_PHRASE = {
  vardcentral: "en v\xE5rdcentral",
  sjukhus: "ett sjukhus",
  tandvard: "en tandv\xE5rdsmottagning",
  apotek: "ett apotek",
  estetisk: "en estetisk klinik",
  psykiatri: "en psykiatrisk verksamhet",
  hvb: "ett HVB",
  stodboende: "ett st\xF6dboende",
  sabo: "ett s\xE4rskilt boende f\xF6r \xE4ldre",
  hemtjanst: "en hemtj\xE4nstverksamhet",
  personlig_assistans: "en assistansverksamhet",
  lss_bostad: "en LSS-bostad",
  lss_daglig: "en daglig verksamhet enligt LSS",
  missbruk: "ett behandlingshem f\xF6r missbruk"
};
function peersPhrase(form) {
  const noun = FORM_PHRASE[form];
  return noun ? `f\xF6r ${noun} av den storleken` : "f\xF6r j\xE4mf\xF6rbara verksamheter av den storleken";
}
function channelLabel(channel, count) {
  const rule = CHANNEL_RULES[channel];
  if (!rule) return count === 1 ? "signal" : "signaler";
  return count === 1 ? rule.label[0] : rule.label[1];
}
function signalBreakdown(total, byChannel) {
  const parts = Object.entries(byChannel ?? {}).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (parts.length === 1 && parts[0][1] === total) return `${total} ${channelLabel(parts[0][0], total)}`;
  const noun = total === 1 ? "signal" : "signaler";
  if (parts.length === 0) return `${total} ${noun}`;
  const shown = parts.slice(0, 3).map(([channel, n]) => `${n} ${channelLabel(channel, n)}`);
  if (parts.length > 3) shown.push(`${parts.slice(3).reduce((sum, [, n]) => sum + n, 0)} \xF6vriga`);
  return `${total} ${noun} (${shown.join(", ")})`;
}
var INDICATOR_LABELS = {
  patient_survey_overall: "Nationella patientenk\xE4ten (helhetsintryck)",
  waiting_time_90d: "Andel som f\xE5tt v\xE5rd inom 90 dagar",
  user_survey_satisfaction: "Brukarunders\xF6kningen (andel n\xF6jda)",
  staff_turnover: "Personaloms\xE4ttningen"
};
function indicatorLabel(code) {
  return INDICATOR_LABELS[code] ?? `Indikatorn ${code}`;
}
var OUTCOME_LABELS = {
  no_remarks: "inga anm\xE4rkningar",
  criticism: "kritik",
  demand_actions: "krav p\xE5 redovisning av \xE5tg\xE4rder",
  injunction: "f\xF6rel\xE4ggande",
  ban: "f\xF6rbud",
  revocation: "\xE5terkallelse av tillst\xE5nd"
};
var sentences = {
  change(p) {
    const serious = p.serious > 0 ? ` (varav ${p.serious} allvarliga)` : "";
    const alarm = p.alarm ? " (CUSUM-larm)" : "";
    return `Signalerna \xF6kar sedan ${formatMonthYear(p.since.slice(0, 7))}: ${p.observed} sedan dess${serious} mot ${decimal(p.expected)} v\xE4ntade utifr\xE5n verksamhetens egen historik${alarm}.`;
  },
  signalsVsPeers(p) {
    return `${signalBreakdown(p.observed, p.byChannel)} de senaste 6 m\xE5naderna mot ${decimal(p.expected)} v\xE4ntade ${peersPhrase(p.form)}.`;
  },
  seriousVsPeers(p) {
    const recent = p.recent > 0 ? `, ${p.recent} av dem de senaste 3 m\xE5naderna` : "";
    const noun = p.observed === 1 ? "allvarlig signal" : "allvarliga signaler";
    return `${p.observed} ${noun} (allvarlighetsgrad 3\u20134) det senaste \xE5ret mot ${decimal(p.expected)} v\xE4ntade ${peersPhrase(p.form)}${recent}.`;
  },
  indicatorTrend(p) {
    const verb = p.lowerBetter ? "har \xF6kat" : "har f\xF6rs\xE4mrats";
    return `${indicatorLabel(p.indicator)} ${verb}: ${percent(p.latest)} senaste perioden mot ${percent(p.baseline)} tidigare.`;
  },
  indicatorLevel(p) {
    return `${indicatorLabel(p.indicator)}: ${percent(p.value)} mot ${percent(p.national)} i riket.`;
  },
  inspectionFindings(p) {
    const found = p.deficiencies === 0 ? "inga brister" : p.deficiencies === 1 ? "1 brist" : `${p.deficiencies} brister`;
    const others = p.others > 0 ? ` Ytterligare ${p.others} ${p.others === 1 ? "inspektion" : "inspektioner"} med brister de senaste tre \xE5ren.` : "";
    return `Inspektionen ${formatLongDate(p.date)} fann ${found} (${OUTCOME_LABELS[p.outcome] ?? p.outcome}).${others}`;
  },
  inspectionOverdue(p) {
    return p.last ? `Ingen inspektion p\xE5 ${decimal(p.years)} \xE5r (senast ${formatLongDate(p.last)}).` : `Ingen inspektion registrerad sedan ${formatMonthYear(p.since.slice(0, 7))} (${decimal(p.years)} \xE5r).`;
  },
  permitStatus(p) {
    switch (p.status) {
      case "banned":
        return `IVO har f\xF6rbjudit verksamheten (sedan ${formatLongDate(p.from)}), men den finns kvar i registret.`;
      case "revoked":
        return `Tillst\xE5ndet \xE5terkallades ${formatLongDate(p.from)}, men verksamheten finns kvar i registret.`;
      case "inhibition":
        return `Domstolen har inhiberat IVO:s beslut om f\xF6rbud eller \xE5terkallelse (sedan ${formatLongDate(p.from)}): verksamheten forts\xE4tter i v\xE4ntan p\xE5 dom.`;
      default:
        return `IVO:s beslut om f\xF6rbud eller \xE5terkallelse \xE4r \xF6verklagat (sedan ${formatLongDate(p.from)}).`;
    }
  },
  permitHistory(p) {
    return p.count === 1 ? `Ett tidigare allvarligt tillst\xE5ndsbeslut (${formatLongDate(p.last)}).` : `${p.count} tidigare allvarliga tillst\xE5ndsbeslut, senast ${formatLongDate(p.last)}.`;
  },
  acuteSignals(p) {
    const last = p.last ? `, senast ${formatLongDate(p.last)}` : "";
    return p.count === 1 ? `En akut signal de senaste 90 dagarna${last}.` : `${p.count} akuta signaler de senaste 90 dagarna${last}.`;
  },
  acuteTrigger(p) {
    return `Akut signal ${formatLongDate(p.last)}: verksamheten lyfts oavsett po\xE4ng.`;
  },
  permitTrigger(p) {
    return `${sentences.permitStatus(p)} Verksamheten lyfts oavsett po\xE4ng.`;
  },
  reportingCulture(p) {
    return `${signalBreakdown(p.observed, p.byChannel)} det senaste \xE5ret mot ${decimal(p.expected)} v\xE4ntade: verksamheten anm\xE4ler sj\xE4lv, vilket tyder p\xE5 fungerande avvikelsehantering och inte r\xE4knas som en risk.`;
  },
  quiet() {
    return "Inget avviker fr\xE5n det v\xE4ntade f\xF6r en verksamhet av den h\xE4r formen och storleken.";
  }
};

// src/modules/risk/statistics.ts
function countFunnelPoint(observed, expected) {
  return { y: Math.sqrt(observed), target: Math.sqrt(expected), se: 0.5 };
}
function proportionFunnelPoint(proportion, denominator, targetProportion) {
  const clamp = (p) => Math.min(1, Math.max(0, p));
  return {
    y: Math.asin(Math.sqrt(clamp(proportion))),
    target: Math.asin(Math.sqrt(clamp(targetProportion))),
    se: 1 / (2 * Math.sqrt(Math.max(denominator, 1e-9)))
  };
}
function funnelZ(point, tau2 = 0) {
  return (point.y - point.target) / Math.sqrt(point.se * point.se + tau2);
}
function quantileSorted(sorted, q) {
  if (sorted.length === 0) return NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}
function estimateTau2(points, winsor = 0.1) {
  const n = points.length;
  if (n < 3) return 0;
  const z = points.map((p) => (p.y - p.target) / p.se);
  const sorted = Float64Array.from(z).sort();
  const low = quantileSorted(sorted, winsor);
  const high = quantileSorted(sorted, 1 - winsor);
  let phi = 0;
  let sumW = 0;
  let sumW2 = 0;
  for (let i = 0; i < n; i++) {
    const zw = Math.min(high, Math.max(low, z[i]));
    phi += zw * zw;
    const w = 1 / (points[i].se * points[i].se);
    sumW += w;
    sumW2 += w * w;
  }
  phi /= n;
  if (n * phi <= n - 1) return 0;
  return (n * phi - (n - 1)) / (sumW - sumW2 / sumW);
}
function estimateGammaShape(observed, expected, minAlpha = 0.2, maxAlpha = 1e3) {
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < observed.length; i++) {
    const e = expected[i];
    if (!(e > 0)) continue;
    const o = observed[i];
    numerator += (o - e) * (o - e) - o;
    denominator += e * e;
  }
  if (denominator <= 0 || numerator <= 0) return maxAlpha;
  return Math.min(maxAlpha, Math.max(minAlpha, denominator / numerator));
}
function poissonGammaShrink(observed, expected, alpha) {
  const shape = alpha + observed;
  const rate = alpha + expected;
  return { mean: shape / rate, shape, rate };
}
function estimateBetaPrior(successes, trials) {
  let sumN = 0;
  let sumX = 0;
  let count = 0;
  for (let i = 0; i < trials.length; i++) {
    if (!(trials[i] > 0)) continue;
    sumN += trials[i];
    sumX += successes[i];
    count++;
  }
  if (count < 3 || sumN <= 0) return null;
  const mean = sumX / sumN;
  let spread = 0;
  let inverseN = 0;
  for (let i = 0; i < trials.length; i++) {
    if (!(trials[i] > 0)) continue;
    const p = successes[i] / trials[i];
    spread += (p - mean) * (p - mean);
    inverseN += 1 / trials[i];
  }
  const variance = spread / (count - 1) - mean * (1 - mean) * inverseN / count;
  if (!(variance > 0) || mean <= 0 || mean >= 1) return null;
  const total = mean * (1 - mean) / variance - 1;
  if (!(total > 0)) return null;
  return { a: mean * total, b: (1 - mean) * total, mean };
}
function betaBinomialShrink(successes, trials, prior) {
  return (successes + prior.a) / (trials + prior.a + prior.b);
}
function poissonCusum(counts, inControl, k, h, marks) {
  if (!(k > 1)) throw new RangeError(`k must be > 1, got ${k}`);
  const logK = Math.log(k);
  const path = [];
  const alarms = [];
  let s = 0;
  let above = false;
  for (let t = 0; t < counts.length; t++) {
    s = Math.max(0, s + counts[t] * logK - (k - 1) * inControl[t] + (marks ? marks[t] : 0));
    path.push(s);
    if (s >= h && !above) alarms.push(t);
    above = s >= h;
  }
  return { path, alarms, value: s };
}
function changePointScan(counts, expected, alpha, k, marks) {
  const n = counts.length;
  let totalO = 0;
  let totalE = 0;
  let totalM = 0;
  for (let t = 0; t < n; t++) {
    totalO += counts[t];
    totalE += expected[t];
    totalM += marks ? marks[t] : 0;
  }
  const logK = Math.log(k);
  let best = 0;
  let bestStart = -1;
  let beforeO = 0;
  let beforeE = 0;
  let beforeM = 0;
  for (let tau = 0; tau < n; tau++) {
    const afterO = totalO - beforeO;
    const afterE = totalE - beforeE;
    if (afterO > 0) {
      const a = alpha + beforeO;
      const b = alpha + beforeE;
      const llr = afterO * logK + (a + afterO) * Math.log((b + afterE) / (b + k * afterE)) + (totalM - beforeM);
      if (llr > best) {
        best = llr;
        bestStart = tau;
      }
    }
    beforeO += counts[tau];
    beforeE += expected[tau];
    beforeM += marks ? marks[tau] : 0;
  }
  return { llr: best, start: bestStart };
}
function ewma(values, lambda, start = 0) {
  if (!(lambda > 0 && lambda <= 1)) throw new RangeError(`lambda must be in (0, 1], got ${lambda}`);
  const out = [];
  let z = start;
  for (let i = 0; i < values.length; i++) {
    z = lambda * values[i] + (1 - lambda) * z;
    out.push(z);
  }
  return out;
}
function ewmaSd(lambda, t) {
  return Math.sqrt(lambda / (2 - lambda) * (1 - Math.pow(1 - lambda, 2 * t)));
}
function thresholdForAlarmBudget(paths, maxAlarms, low = 1, high = 50) {
  const alarmsAt = (h) => {
    let total = 0;
    for (const path of paths) {
      let above = false;
      for (let t = 0; t < path.length; t++) {
        const now = path[t] >= h;
        if (now && !above) total++;
        above = now;
      }
    }
    return total;
  };
  if (alarmsAt(low) <= maxAlarms) return low;
  if (alarmsAt(high) > maxAlarms) return high;
  for (let i = 0; i < 30; i++) {
    const mid = (low + high) / 2;
    if (alarmsAt(mid) <= maxAlarms) high = mid;
    else low = mid;
  }
  return high;
}

// src/modules/risk/risk-model.ts
function explainResult(result, detail, options = {}) {
  const triggered = new Set(result.triggers.map((t) => t === "permit_status" ? "permit_status" : "acute_signals"));
  const reasons = [
    ...result.triggerReasons.map((explain) => explain()),
    ...result.contributions.filter((c) => c.weight * c.value >= METHOD.reasonThreshold && !triggered.has(c.code)).slice(0, METHOD.maxReasons).map((c) => c.explain(detail))
  ];
  if (reasons.length === 0) reasons.push(sentences.quiet());
  if (options.reasonsOnly) return { contributions: [], reasons };
  const contributions = result.contributions.map((c) => ({ code: c.code, weight: c.weight, value: c.value, sentence: c.explain(detail) }));
  return { contributions, reasons };
}
var DAY_MS = 864e5;
var WEEK_MS = 7 * DAY_MS;
var MIN_CLASS_UNITS = 30;
var MIN_FORM_UNITS = 10;
var MIN_FORM_EXPECTED = 50;
var MIN_SIGNALS_FOR_PROFILE = 500;
function dayNumber(date) {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}
function daysBetween(from, to) {
  return dayNumber(to) - dayNumber(from);
}
function weekStart(asOf, weeksAgo) {
  return new Date(Date.parse(asOf.cutoff) - (weeksAgo + 1) * WEEK_MS).toISOString().slice(0, 10);
}
function timeProfile(units, openWeeks, horizon) {
  const signals = new Float64Array(horizon);
  const open = new Float64Array(horizon);
  units.forEach((unit, i) => {
    unit.weeks.forEach((w, j) => {
      if (w < horizon) signals[w] += unit.counts[j];
    });
    for (let w = 0; w < Math.min(horizon, openWeeks[i]); w++) open[w]++;
  });
  let oldest = -1;
  for (let w = horizon - 1; w >= 0; w--) {
    if (signals[w] > 0) {
      oldest = w;
      break;
    }
  }
  const profile = new Float64Array(horizon);
  if (oldest < 0) return profile;
  let referenceSignals = 0;
  for (let w = 0; w < Math.min(METHOD.referenceWeeks, horizon); w++) referenceSignals += signals[w];
  if (referenceSignals < MIN_SIGNALS_FOR_PROFILE) {
    for (let w = 0; w <= oldest; w++) profile[w] = 1;
    return profile;
  }
  const rate = new Float64Array(horizon);
  for (let w = 0; w <= oldest; w++) rate[w] = open[w] > 0 ? signals[w] / open[w] : 0;
  for (let w = 0; w <= oldest; w++) {
    let sum = 0;
    let n2 = 0;
    for (let v = Math.max(0, w - 1); v <= Math.min(oldest, w + 1); v++) {
      sum += rate[v];
      n2++;
    }
    profile[w] = sum / n2;
  }
  let mean = 0;
  let n = 0;
  for (let w = 0; w < Math.min(METHOD.referenceWeeks, oldest + 1); w++) {
    mean += profile[w];
    n++;
  }
  mean /= n;
  if (mean > 0) for (let w = 0; w <= oldest; w++) profile[w] /= mean;
  return profile;
}
function sizeBands(units) {
  const byForm = /* @__PURE__ */ new Map();
  units.forEach((u, i) => {
    const list = byForm.get(u.form) ?? [];
    list.push(i);
    byForm.set(u.form, list);
  });
  const bands = new Int32Array(units.length);
  for (const list of byForm.values()) {
    list.sort((a, b) => units[a].size - units[b].size || (units[a].id < units[b].id ? -1 : 1));
    list.forEach((index, position) => {
      bands[index] = 1 + Math.floor(position * METHOD.sizeBands / list.length);
    });
  }
  return bands;
}
function expectedWeekly(units, bands, observed, exposure) {
  const classes = /* @__PURE__ */ new Map();
  const add = (key, o, x) => {
    const entry = classes.get(key) ?? { o: 0, x: 0, n: 0 };
    entry.o += o;
    entry.x += x;
    entry.n++;
    classes.set(key, entry);
  };
  units.forEach((unit, i) => {
    const o = observed(unit);
    add(`${unit.form}|${bands[i]}`, o, unit.size * exposure[i]);
    add(unit.form, o, unit.size * exposure[i]);
    add("*", o, exposure[i]);
  });
  const rateOf = (key, minUnits) => {
    const entry = classes.get(key);
    return entry && entry.n >= minUnits && entry.x > 0 ? entry.o / entry.x : null;
  };
  const all = classes.get("*");
  const rates = { bands: {}, forms: {}, all: all && all.x > 0 ? all.o / all.x : 0 };
  for (const unit of units) {
    if (unit.form in rates.forms) continue;
    rates.forms[unit.form] = rateOf(unit.form, MIN_FORM_UNITS);
    rates.bands[unit.form] = Array.from({ length: METHOD.sizeBands }, (_, b) => rateOf(`${unit.form}|${b + 1}`, MIN_CLASS_UNITS));
  }
  const expected = Float64Array.from(units, (unit, i) => classRate(rates, unit.form, bands[i], unit.size));
  return { expected, rates };
}
function classRate(rates, form, band, size) {
  const bandRate = rates.bands[form]?.[band - 1] ?? null;
  if (bandRate !== null) return bandRate * size;
  const formRate = rates.forms[form] ?? null;
  return formRate !== null ? formRate * size : rates.all;
}
function bandMaxSizes(units, bands) {
  const result = {};
  units.forEach((unit, i) => {
    const sizes = result[unit.form] ??= Array.from({ length: METHOD.sizeBands }, () => -Infinity);
    sizes[bands[i] - 1] = Math.max(sizes[bands[i] - 1], unit.size);
  });
  for (const sizes of Object.values(result)) {
    for (let b = 0; b < sizes.length; b++) if (sizes[b] === -Infinity) sizes[b] = b > 0 ? sizes[b - 1] : -Infinity;
  }
  return result;
}
function proportions(series) {
  const out = [];
  series.period_ends.forEach((end, i) => {
    const p = series.values[i];
    const n = series.denominators[i];
    if (n > 0 && p >= 0 && p <= 1) out.push({ end, p, n });
  });
  return out;
}
function scoreIndicators(asOf, rows, fixed) {
  const byIndicator = /* @__PURE__ */ new Map();
  for (const row of rows) {
    const list = byIndicator.get(row.indicator) ?? [];
    list.push(row);
    byIndicator.set(row.indicator, list);
  }
  const recentFrom = addDays(asOf.date, -METHOD.indicatorRecentDays);
  const findings = /* @__PURE__ */ new Map();
  const nationalOut = {};
  const transform = (p) => Math.asin(Math.sqrt(p));
  for (const [indicator, list] of byIndicator) {
    const series = list.map((row) => ({ row, points: proportions(row) })).filter((s) => s.points.length > 0);
    const given = fixed ? fixed[indicator] : void 0;
    if (fixed && !given) continue;
    let excess = 0;
    let pairs = 0;
    for (const { points } of series) {
      for (let t = 1; t < points.length; t++) {
        const d = transform(points[t].p) - transform(points[t - 1].p);
        excess += d * d - 1 / (4 * points[t].n) - 1 / (4 * points[t - 1].n);
        pairs++;
      }
    }
    const sigma2 = given ? given.sigma2 : pairs > 0 ? Math.max(0, excess / pairs / 2) : 0;
    const byPeriod = /* @__PURE__ */ new Map();
    for (const { points } of series) {
      const last = points[points.length - 1];
      const group = byPeriod.get(last.end) ?? [];
      group.push(last);
      byPeriod.set(last.end, group);
    }
    const national = new Map(given ? Object.entries(given.periods) : []);
    for (const [end, group] of given ? [] : byPeriod) {
      const successes = group.map((g) => g.p * g.n);
      const trials = group.map((g) => g.n);
      const mean = successes.reduce((a, b) => a + b, 0) / trials.reduce((a, b) => a + b, 0);
      const prior = estimateBetaPrior(successes, trials);
      const points = group.map((g) => proportionFunnelPoint(prior ? betaBinomialShrink(g.p * g.n, g.n, prior) : mean, g.n, mean));
      national.set(end, { mean, prior, tau2: estimateTau2(points, METHOD.winsor) });
    }
    nationalOut[indicator] = { sigma2, periods: Object.fromEntries(national) };
    for (const { row, points } of series) {
      const worse = row.direction === "lower_better" ? 1 : -1;
      const finding = findings.get(row.unit_id) ?? { trend: 0, largestTrend: 0, level: 0 };
      const baseline = points.filter((p) => p.end <= recentFrom);
      const recent = points.filter((p) => p.end > recentFrom);
      if (baseline.length > 0 && recent.length > 0) {
        let sumW = 0;
        let sumWY = 0;
        let sumWP = 0;
        for (const b of baseline) {
          const w = 1 / (1 / (4 * b.n) + sigma2);
          sumW += w;
          sumWY += w * transform(b.p);
          sumWP += w * b.p;
        }
        const mu = sumWY / sumW;
        const z = recent.map((r) => worse * (transform(r.p) - mu) / Math.sqrt(1 / (4 * r.n) + sigma2 + 1 / sumW));
        const smoothed = ewma(z, METHOD.ewmaLambda);
        const zEwma = smoothed[smoothed.length - 1] / ewmaSd(METHOD.ewmaLambda, z.length);
        const value = Math.max(0, zEwma);
        if (value > finding.largestTrend) {
          finding.largestTrend = value;
          const p = { indicator, latest: recent[recent.length - 1].p, baseline: sumWP / sumW, lowerBetter: row.direction === "lower_better" };
          finding.trendSentence = () => sentences.indicatorTrend(p);
        }
        finding.trend += value;
      }
      const last = points[points.length - 1];
      const level = national.get(last.end);
      if (level && last.end > recentFrom) {
        const shrunk = level.prior ? betaBinomialShrink(last.p * last.n, last.n, level.prior) : level.mean;
        const z = worse * funnelZ(proportionFunnelPoint(shrunk, last.n, level.mean), level.tau2);
        if (z > finding.level) {
          finding.level = z;
          const p = { indicator, value: last.p, national: level.mean };
          finding.levelSentence = () => sentences.indicatorLevel(p);
        }
      }
      findings.set(row.unit_id, finding);
    }
  }
  return { findings, national: nationalOut };
}
function scoreFromRaw(raw) {
  return raw / (raw + METHOD.scoreHalfAt);
}
function shiftProfile(profile, days) {
  const shift = Math.max(0, Math.floor(days / 7));
  const shifted = new Float64Array(profile.length);
  for (let w = 0; w < profile.length; w++) shifted[w] = w < shift ? profile[0] : profile[w - shift];
  return shifted;
}
function computeRisks(input2, fixed = null) {
  const asOf = input2.asOf;
  const units = fixed ? input2.units.filter((u) => fixed.references.has(u.id)) : input2.units;
  const horizon = METHOD.horizonWeeks;
  const reference = METHOD.referenceWeeks;
  const openWeeks = units.map((u) => u.opened ? Math.max(0, Math.min(horizon, Math.ceil(daysBetween(u.opened, asOf.cutoff.slice(0, 10)) / 7))) : horizon);
  const profile = fixed ? shiftProfile(fixed.national.profile, daysBetween(fixed.national.asOf, asOf.date)) : timeProfile(units, openWeeks, horizon);
  const prefix = new Float64Array(horizon + 1);
  for (let w = 0; w < horizon; w++) prefix[w + 1] = prefix[w] + profile[w];
  const exposureOf = (i, from, to) => {
    const end = Math.min(to, openWeeks[i]);
    return end > from ? prefix[end] - prefix[from] : 0;
  };
  const referenceExposure = Float64Array.from(units, (_, i) => exposureOf(i, 0, reference));
  let eExternal;
  let eSerious;
  let eProvider;
  let classRates;
  if (fixed) {
    const refs = units.map((u) => fixed.references.get(u.id));
    eExternal = Float64Array.from(refs, (r) => r.external);
    eSerious = Float64Array.from(refs, (r) => r.serious);
    eProvider = Float64Array.from(refs, (r) => r.provider);
    classRates = fixed.national.classRates;
  } else {
    const bands = sizeBands(units);
    const external = expectedWeekly(units, bands, (u) => u.external_ref, referenceExposure);
    const serious = expectedWeekly(units, bands, (u) => u.serious_ref, referenceExposure);
    const provider = expectedWeekly(units, bands, (u) => u.provider_ref, referenceExposure);
    [eExternal, eSerious, eProvider] = [external.expected, serious.expected, provider.expected];
    classRates = { bandMaxSize: bandMaxSizes(units, bands), external: external.rates, serious: serious.rates, provider: provider.rates };
  }
  const referenceExpected = Float64Array.from(units, (_, i) => eExternal[i] * referenceExposure[i]);
  const alpha = fixed ? fixed.national.alpha : estimateGammaShape(units.map((u) => u.external_ref), referenceExpected);
  const alphaByForm = new Map(fixed ? Object.entries(fixed.national.alphaByForm) : []);
  if (fixed) {
    for (const u of units) if (!alphaByForm.has(u.form)) alphaByForm.set(u.form, alpha);
  } else {
    const byForm = /* @__PURE__ */ new Map();
    units.forEach((u, i) => {
      const members = byForm.get(u.form);
      if (members) members.push(i);
      else byForm.set(u.form, [i]);
    });
    for (const [form, members] of byForm) {
      const expectedTotal = members.reduce((sum, i) => sum + referenceExpected[i], 0);
      alphaByForm.set(form, members.length >= MIN_CLASS_UNITS && expectedTotal >= MIN_FORM_EXPECTED ? estimateGammaShape(members.map((i) => units[i].external_ref), members.map((i) => referenceExpected[i])) : alpha);
    }
  }
  let lrSum = 0;
  let lrCount = 0;
  for (const u of units) {
    lrSum += u.lr_ref;
    lrCount += u.external_ref;
  }
  const logNorm = fixed ? fixed.national.logNorm : lrCount > 0 && lrSum > 0 ? Math.log(lrSum / lrCount) : 0;
  const k = METHOD.changeMultiplier;
  const cusumWeeks = METHOD.cusumWeeks;
  const cusumPaths = [];
  const work = [];
  let dataWeeks = 0;
  for (let w = 0; w < horizon; w++) if (profile[w] > 0) dataWeeks = w + 1;
  const countsBuffer = new Float64Array(horizon);
  const seriousBuffer = new Float64Array(horizon);
  const marksBuffer = new Float64Array(horizon);
  const expectedBuffer = new Float64Array(horizon);
  const inControlBuffer = new Float64Array(cusumWeeks);
  units.forEach((unit, i) => {
    const length = Math.min(openWeeks[i], dataWeeks);
    const counts = countsBuffer.subarray(0, length).fill(0);
    const serious = seriousBuffer.subarray(0, length).fill(0);
    const marks = marksBuffer.subarray(0, length).fill(0);
    const expected = expectedBuffer.subarray(0, length);
    for (let w = 0; w < length; w++) expected[length - 1 - w] = eExternal[i] * profile[w];
    unit.weeks.forEach((w, j) => {
      if (w >= length) return;
      counts[length - 1 - w] = unit.counts[j];
      serious[length - 1 - w] = unit.serious_counts[j];
      marks[length - 1 - w] = unit.log_lr[j] - unit.counts[j] * logNorm;
    });
    const unitAlpha = alphaByForm.get(unit.form);
    const scan = changePointScan(counts, expected, unitAlpha, k, marks);
    let change = null;
    if (scan.start >= 0 && scan.llr > 0) {
      let beforeO = 0;
      let beforeE = 0;
      let afterO = 0;
      let afterS = 0;
      let afterE = 0;
      for (let t = 0; t < length; t++) {
        if (t < scan.start) {
          beforeO += counts[t];
          beforeE += expected[t];
        } else {
          afterO += counts[t];
          afterS += serious[t];
          afterE += expected[t];
        }
      }
      const theta = poissonGammaShrink(beforeO, beforeE, unitAlpha).mean;
      const weeksAgo = length - 1 - scan.start;
      change = { llr: scan.llr, since: weekStart(asOf, weeksAgo), observed: afterO, serious: afterS, expected: theta * afterE };
    }
    work.push({ change });
    const window = Math.min(cusumWeeks, length);
    let preO = 0;
    let preE = 0;
    for (let t = 0; t < length - window; t++) {
      preO += counts[t];
      preE += expected[t];
    }
    const theta0 = poissonGammaShrink(preO, preE, unitAlpha).mean;
    const inControl = inControlBuffer.subarray(0, window);
    for (let t = 0; t < window; t++) inControl[t] = theta0 * expected[length - window + t];
    const path = poissonCusum(counts.subarray(length - window), inControl, k, Infinity, marks.subarray(length - window)).path;
    cusumPaths.push(Float64Array.from(path));
  });
  const budget = METHOD.alarmsPerWeek * cusumWeeks * units.length / 4e4;
  const cusumThreshold = fixed ? fixed.national.cusumThreshold : thresholdForAlarmBudget(cusumPaths, budget, 1, 60);
  let cusumAlarms = 0;
  let cusumNewAlarms = 0;
  const signalPoints = units.map((u, i) => countFunnelPoint(u.external_recent, eExternal[i] * exposureOf(i, 0, METHOD.peerWindowWeeks)));
  const seriousPoints = units.map((u, i) => {
    let o = 0;
    let e = 0;
    let v = 0;
    const bandCounts = [u.serious_b0, u.serious_b1, u.serious_b2];
    METHOD.recencyBands.forEach((band, b) => {
      const scale = band.weight * 52 / (band.toWeek - band.fromWeek);
      const expectedBand = eSerious[i] * exposureOf(i, band.fromWeek, band.toWeek);
      o += scale * bandCounts[b];
      e += scale * expectedBand;
      v += scale * scale * expectedBand;
    });
    return { y: Math.sqrt(o), target: Math.sqrt(e), se: e > 0 ? Math.sqrt(v / (4 * e)) : 0.5, expected: eSerious[i] * exposureOf(i, 0, 52) };
  });
  const providerPoints = units.map((u, i) => countFunnelPoint(u.provider_52w, eProvider[i] * exposureOf(i, 0, 52)));
  const usable = (p) => p.target * p.target >= METHOD.tauMinExpected;
  const tau2 = fixed ? fixed.national.tau2 : {
    signals: estimateTau2(signalPoints.filter(usable), METHOD.winsor),
    serious: estimateTau2(seriousPoints.filter(usable), METHOD.winsor),
    provider: estimateTau2(providerPoints.filter(usable), METHOD.winsor)
  };
  const indicatorScores = scoreIndicators(asOf, input2.indicators, fixed ? fixed.national.indicators : null);
  const indicatorFindings = indicatorScores.findings;
  const inspectionsByUnit = new Map(input2.inspections.map((r) => [r.unit_id, r]));
  const permitsByUnit = new Map(input2.permits.map((r) => [r.unit_id, r]));
  const acuteFrom = addDays(asOf.date, -(METHOD.acuteTriggerDays - 1));
  const results = units.map((unit, i) => {
    const contributions = [];
    const add = (code, value, explain) => {
      if (value !== 0 && Number.isFinite(value)) contributions.push({ code, weight: WEIGHTS[code], value: round(value), explain });
    };
    const triggers = [];
    const triggerReasons = [];
    const path = cusumPaths[i];
    const alarm = path.length > 0 && path[path.length - 1] >= cusumThreshold;
    if (alarm) cusumAlarms++;
    if (alarm && (path.length < 2 || path[path.length - 2] < cusumThreshold)) cusumNewAlarms++;
    const change = work[i].change;
    if (change) add("change", change.llr, () => sentences.change({ ...change, alarm }));
    const signalZ = funnelZ(signalPoints[i], tau2.signals);
    if (signalPoints[i].target > 0 && signalZ > 0) {
      add("signals_vs_peers", signalZ, (detail) => sentences.signalsVsPeers({
        observed: unit.external_recent,
        byChannel: detail.recentChannels,
        expected: signalPoints[i].target ** 2,
        form: unit.form
      }));
    }
    const serious = seriousPoints[i];
    const seriousZ = funnelZ(serious, tau2.serious);
    if (serious.target > 0 && seriousZ > 0) {
      add("serious_vs_peers", seriousZ, () => sentences.seriousVsPeers({
        observed: unit.serious_b0 + unit.serious_b1 + unit.serious_b2,
        recent: unit.serious_b0,
        expected: serious.expected,
        form: unit.form
      }));
    }
    const provider = providerPoints[i];
    const providerZ = funnelZ(provider, tau2.provider);
    if (provider.target > 0 && unit.provider_52w > 0 && providerZ > 0) {
      add("reporting_culture", -Math.min(1, providerZ / 2), (detail) => sentences.reportingCulture({
        observed: unit.provider_52w,
        byChannel: detail.providerChannels,
        expected: provider.target ** 2
      }));
    }
    const indicator = indicatorFindings.get(unit.id);
    if (indicator?.trendSentence) add("indicator_trend", indicator.trend, indicator.trendSentence);
    if (indicator?.levelSentence) add("indicator_level", indicator.level, indicator.levelSentence);
    const inspection = inspectionsByUnit.get(unit.id);
    if (inspection) {
      const bandMax = METHOD.inspectionBands.map(() => 0);
      let worst = null;
      let withFindings = 0;
      inspection.dates.forEach((date, j) => {
        const months = daysBetween(date, asOf.date) / 30.4375;
        const band = METHOD.inspectionBands.findIndex((b) => months >= b.fromMonth && months < b.toMonth);
        if (band < 0) return;
        const points = (METHOD.outcomePoints[inspection.outcomes[j]] ?? 0) + METHOD.pointsPerDeficiency * Math.min(METHOD.maxDeficiencies, inspection.deficiencies[j]);
        bandMax[band] = Math.max(bandMax[band], points);
        if (points > 0) withFindings++;
        if (points > 0 && (!worst || points * METHOD.inspectionBands[band].weight > worst.points)) {
          worst = { points: points * METHOD.inspectionBands[band].weight, index: j };
        }
      });
      const value = bandMax.reduce((sum, points, b) => sum + points * METHOD.inspectionBands[b].weight, 0);
      const chosen = worst;
      if (value > 0 && chosen) {
        add("inspection_findings", value, () => sentences.inspectionFindings({
          date: inspection.dates[chosen.index],
          deficiencies: inspection.deficiencies[chosen.index],
          outcome: inspection.outcomes[chosen.index],
          others: withFindings - 1
        }));
      }
    }
    const coverage = fixed ? fixed.national.inspectionCoverageStart : input2.inspectionCoverageStart;
    if (coverage) {
      const last = inspection?.last_date ?? null;
      const since = last ?? (unit.opened && unit.opened > coverage ? unit.opened : coverage);
      const years = daysBetween(since, asOf.date) / 365.25;
      const overdue = Math.min(METHOD.maxOverdueYears - METHOD.overdueAfterYears, years - METHOD.overdueAfterYears);
      if (overdue > 0) add("inspection_overdue", overdue, () => sentences.inspectionOverdue({ years, last, since }));
    }
    const permit = permitsByUnit.get(unit.id);
    if (permit?.current_status && permit.current_from) {
      const p = { status: permit.current_status, from: permit.current_from };
      add("permit_status", 1, () => sentences.permitStatus(p));
      triggers.push("permit_status");
      triggerReasons.push(() => sentences.permitTrigger(p));
    }
    if (permit && permit.earlier_serious > 0 && permit.earlier_last) {
      add("permit_history", 1, () => sentences.permitHistory({ count: permit.earlier_serious, last: permit.earlier_last }));
    }
    if (unit.acute_recent > 0) {
      add("acute_signals", Math.min(3, unit.acute_recent), () => sentences.acuteSignals({ count: unit.acute_recent, last: unit.last_acute }));
    }
    if (unit.last_acute && unit.last_acute >= acuteFrom) {
      triggers.push("acute_signal");
      const last = unit.last_acute;
      triggerReasons.unshift(() => sentences.acuteTrigger({ last }));
    }
    const raw = Math.max(0, contributions.reduce((sum, c) => sum + c.weight * c.value, 0));
    let score = scoreFromRaw(raw);
    if (triggers.length > 0) score = Math.max(score, METHOD.triggerScoreFloor);
    contributions.sort((a, b) => b.weight * b.value - a.weight * a.value);
    return {
      unitId: unit.id,
      form: unit.form,
      score: round(score, 4),
      raw: round(raw),
      triggers,
      contributions,
      triggerReasons,
      cusumAlarm: alarm,
      observedRecent: unit.external_recent,
      expectedRecent: round(signalPoints[i].target ** 2),
      cusumPath: Array.from(path, (x) => round(x))
    };
  });
  const parameters = {
    asOf: asOf.date,
    profile: Array.from(profile),
    alpha,
    alphaByForm: Object.fromEntries(alphaByForm),
    logNorm,
    tau2,
    cusumThreshold,
    indicators: indicatorScores.national,
    inspectionCoverageStart: fixed ? fixed.national.inspectionCoverageStart : input2.inspectionCoverageStart,
    classRates
  };
  const references = new Map(units.map((u, i) => [u.id, { external: eExternal[i], serious: eSerious[i], provider: eProvider[i] }]));
  return {
    results,
    parameters,
    references,
    summary: { units: units.length, alpha: round(alpha), alphaByForm: Object.fromEntries([...alphaByForm].map(([f, a]) => [f, round(a)])), tau2: { signals: round(tau2.signals, 5), serious: round(tau2.serious, 5), provider: round(tau2.provider, 5) }, cusumThreshold: round(cusumThreshold), cusumAlarms, cusumNewAlarms }
  };
}
function round(x, digits = 3) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

// src/modules/risk/score-units.ts
async function loadRiskInput(db, asOf) {
  const read = async (trx) => {
    await sql10`SET LOCAL work_mem = '64MB'`.execute(trx);
    const { units, channels } = await loadUnitSignals(trx, asOf);
    const indicators = await loadIndicatorSeries(trx, asOf);
    const inspections = await loadInspections(trx, asOf);
    const permits = await loadPermits(trx, asOf);
    return { asOf, units, channels, indicators, inspections: inspections.rows, inspectionCoverageStart: inspections.coverageStart, permits };
  };
  return db.isTransaction ? read(db) : db.transaction().setIsolationLevel("repeatable read").execute(read);
}

// .scratch/compute-prof.ts
var handle = await openDatabase({ databaseUrl: "postgres://postgres@127.0.0.1:5432/vaka_prof" });
var input = await loadRiskInput(handle.db, asOfDate("2026-11-20"));
for (let i = 0; i < 5; i++) {
  const s = performance.now();
  const out = computeRisks(input, null);
  const m = performance.now();
  for (const r of out.results) explainResult(r, { recentChannels: input.channels.get(r.unitId)?.recent ?? null, providerChannels: null }, { reasonsOnly: true });
  console.log("compute", (m - s).toFixed(0), "explain", (performance.now() - m).toFixed(0));
}
await handle.close();
