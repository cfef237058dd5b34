import { sqlScriptMigration } from './sql-script.ts';

// Frozen in time: never import app code here, never edit after it has shipped.
// An alert is closed with what came of it (a case, an inspection, already known, no action), so the
// inspectorate can see which alerts led to supervision and which were noise; "no action" carries its reason
// in note. A case has its diarienummer, as may an inspection or supervision already under way; an open alert
// has none. Alerts closed before this have no recorded outcome.
const UP = `
    ALTER TABLE risk_alert ADD COLUMN outcome text CHECK (outcome IN ('case', 'inspection', 'known', 'no_action', 'not_recorded'));
    ALTER TABLE risk_alert ADD COLUMN case_ref text;
    UPDATE risk_alert SET outcome = 'not_recorded' WHERE status = 'done';
    ALTER TABLE risk_alert ADD CONSTRAINT risk_alert_outcome_when_done CHECK ((status = 'done') = (outcome IS NOT NULL));
    ALTER TABLE risk_alert ADD CONSTRAINT risk_alert_case_ref_of_case CHECK (outcome IS DISTINCT FROM 'case' OR case_ref IS NOT NULL);
    ALTER TABLE risk_alert ADD CONSTRAINT risk_alert_case_ref_when_closed CHECK (case_ref IS NULL OR coalesce(outcome IN ('case', 'inspection', 'known'), false));
`;

const DOWN = `
    ALTER TABLE risk_alert DROP CONSTRAINT risk_alert_case_ref_when_closed;
    ALTER TABLE risk_alert DROP CONSTRAINT risk_alert_case_ref_of_case;
    ALTER TABLE risk_alert DROP CONSTRAINT risk_alert_outcome_when_done;
    ALTER TABLE risk_alert DROP COLUMN case_ref;
    ALTER TABLE risk_alert DROP COLUMN outcome;
`;

export const { up, down } = sqlScriptMigration(UP, DOWN);
