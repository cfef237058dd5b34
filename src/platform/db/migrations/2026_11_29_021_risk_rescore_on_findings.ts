import { sqlScriptMigration } from './sql-script.ts';

// Frozen in time: never import app code here, never edit after it has shipped.
// A unit's score reads its inspections, indicators and permits as well as its signals. Until now only a
// signal change asked for a rescoring, so a decision recorded today (a new inspection with deficiencies, a
// revoked permit) showed on the risk card's contributions at once but reached the stored score only at the
// next national run. Now any insert or deletion of these rows, and any change of a column the score reads,
// asks for a rescoring of the units concerned in the same transaction, as a signal does; a permit moved to
// another unit or deleted asks for both. Notified only when a request was added.
const UP = `
    -- The columns of each table that the score reads (risk-data.ts).
    CREATE FUNCTION risk_rescore_inspections() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        INSERT INTO risk_rescore_request (unit_id)
          SELECT DISTINCT unit_id FROM new_rows WHERE unit_id IS NOT NULL
          ON CONFLICT (unit_id) DO NOTHING;
      ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO risk_rescore_request (unit_id)
          SELECT DISTINCT unit_id FROM old_rows WHERE unit_id IS NOT NULL
          ON CONFLICT (unit_id) DO NOTHING;
      ELSE
        -- Only rows whose scored columns changed, as they were and as they are (a moved row: both units).
        INSERT INTO risk_rescore_request (unit_id)
          SELECT DISTINCT unit_id FROM ((SELECT unit_id, date, deficiencies, outcome FROM new_rows EXCEPT SELECT unit_id, date, deficiencies, outcome FROM old_rows)
                UNION (SELECT unit_id, date, deficiencies, outcome FROM old_rows EXCEPT SELECT unit_id, date, deficiencies, outcome FROM new_rows)) r
            WHERE unit_id IS NOT NULL
          ON CONFLICT (unit_id) DO NOTHING;
      END IF;
      IF FOUND THEN
        PERFORM pg_notify('risk_rescore', '');
      END IF;
      RETURN NULL;
    END $$;

    CREATE FUNCTION risk_rescore_indicator_values() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        INSERT INTO risk_rescore_request (unit_id)
          SELECT DISTINCT unit_id FROM new_rows WHERE unit_id IS NOT NULL
          ON CONFLICT (unit_id) DO NOTHING;
      ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO risk_rescore_request (unit_id)
          SELECT DISTINCT unit_id FROM old_rows WHERE unit_id IS NOT NULL
          ON CONFLICT (unit_id) DO NOTHING;
      ELSE
        -- Only rows whose scored columns changed, as they were and as they are (a moved row: both units).
        INSERT INTO risk_rescore_request (unit_id)
          SELECT DISTINCT unit_id FROM ((SELECT unit_id, indicator, period_end, value, denominator, direction FROM new_rows EXCEPT SELECT unit_id, indicator, period_end, value, denominator, direction FROM old_rows)
                UNION (SELECT unit_id, indicator, period_end, value, denominator, direction FROM old_rows EXCEPT SELECT unit_id, indicator, period_end, value, denominator, direction FROM new_rows)) r
            WHERE unit_id IS NOT NULL
          ON CONFLICT (unit_id) DO NOTHING;
      END IF;
      IF FOUND THEN
        PERFORM pg_notify('risk_rescore', '');
      END IF;
      RETURN NULL;
    END $$;

    -- A permit's statuses name the permit, the permit names the unit.
    CREATE FUNCTION risk_rescore_permit_statuses() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        INSERT INTO risk_rescore_request (unit_id)
          SELECT DISTINCT p.unit_id FROM new_rows r JOIN permit p ON p.id = r.permit_id WHERE p.unit_id IS NOT NULL
          ON CONFLICT (unit_id) DO NOTHING;
      ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO risk_rescore_request (unit_id)
          SELECT DISTINCT p.unit_id FROM old_rows r JOIN permit p ON p.id = r.permit_id WHERE p.unit_id IS NOT NULL
          ON CONFLICT (unit_id) DO NOTHING;
      ELSE
        -- Only rows whose scored columns changed, as they were and as they are (a moved row: both units).
        INSERT INTO risk_rescore_request (unit_id)
          SELECT DISTINCT p.unit_id FROM ((SELECT permit_id, seq, status, valid_from FROM new_rows EXCEPT SELECT permit_id, seq, status, valid_from FROM old_rows)
                UNION (SELECT permit_id, seq, status, valid_from FROM old_rows EXCEPT SELECT permit_id, seq, status, valid_from FROM new_rows)) r
            JOIN permit p ON p.id = r.permit_id WHERE p.unit_id IS NOT NULL
          ON CONFLICT (unit_id) DO NOTHING;
      END IF;
      IF FOUND THEN
        PERFORM pg_notify('risk_rescore', '');
      END IF;
      RETURN NULL;
    END $$;

    -- A permit moved to another unit, or deleted with its statuses.
    CREATE FUNCTION risk_rescore_permits() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        INSERT INTO risk_rescore_request (unit_id)
          SELECT DISTINCT unit_id FROM new_rows WHERE unit_id IS NOT NULL
          ON CONFLICT (unit_id) DO NOTHING;
      ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO risk_rescore_request (unit_id)
          SELECT DISTINCT unit_id FROM old_rows WHERE unit_id IS NOT NULL
          ON CONFLICT (unit_id) DO NOTHING;
      ELSE
        -- Only rows whose scored columns changed, as they were and as they are (a moved row: both units).
        INSERT INTO risk_rescore_request (unit_id)
          SELECT DISTINCT unit_id FROM ((SELECT id, unit_id FROM new_rows EXCEPT SELECT id, unit_id FROM old_rows)
                UNION (SELECT id, unit_id FROM old_rows EXCEPT SELECT id, unit_id FROM new_rows)) r
            WHERE unit_id IS NOT NULL
          ON CONFLICT (unit_id) DO NOTHING;
      END IF;
      IF FOUND THEN
        PERFORM pg_notify('risk_rescore', '');
      END IF;
      RETURN NULL;
    END $$;

    CREATE TRIGGER inspection_rescore_inserted AFTER INSERT ON inspection
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_rescore_inspections();
    CREATE TRIGGER inspection_rescore_updated AFTER UPDATE ON inspection
      REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_rescore_inspections();
    CREATE TRIGGER inspection_rescore_deleted AFTER DELETE ON inspection
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_rescore_inspections();

    CREATE TRIGGER indicator_value_rescore_inserted AFTER INSERT ON indicator_value
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_rescore_indicator_values();
    CREATE TRIGGER indicator_value_rescore_updated AFTER UPDATE ON indicator_value
      REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_rescore_indicator_values();
    CREATE TRIGGER indicator_value_rescore_deleted AFTER DELETE ON indicator_value
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_rescore_indicator_values();

    CREATE TRIGGER permit_status_rescore_inserted AFTER INSERT ON permit_status
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_rescore_permit_statuses();
    CREATE TRIGGER permit_status_rescore_updated AFTER UPDATE ON permit_status
      REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_rescore_permit_statuses();
    CREATE TRIGGER permit_status_rescore_deleted AFTER DELETE ON permit_status
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_rescore_permit_statuses();

    CREATE TRIGGER permit_rescore_updated AFTER UPDATE ON permit
      REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_rescore_permits();
    CREATE TRIGGER permit_rescore_deleted AFTER DELETE ON permit
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_rescore_permits();
`;

const DOWN = `
    DROP TRIGGER permit_rescore_deleted ON permit;
    DROP TRIGGER permit_rescore_updated ON permit;
    DROP TRIGGER permit_status_rescore_deleted ON permit_status;
    DROP TRIGGER permit_status_rescore_updated ON permit_status;
    DROP TRIGGER permit_status_rescore_inserted ON permit_status;
    DROP TRIGGER indicator_value_rescore_deleted ON indicator_value;
    DROP TRIGGER indicator_value_rescore_updated ON indicator_value;
    DROP TRIGGER indicator_value_rescore_inserted ON indicator_value;
    DROP TRIGGER inspection_rescore_deleted ON inspection;
    DROP TRIGGER inspection_rescore_updated ON inspection;
    DROP TRIGGER inspection_rescore_inserted ON inspection;
    DROP FUNCTION risk_rescore_permits();
    DROP FUNCTION risk_rescore_permit_statuses();
    DROP FUNCTION risk_rescore_indicator_values();
    DROP FUNCTION risk_rescore_inspections();
`;

export const { up, down } = sqlScriptMigration(UP, DOWN);
