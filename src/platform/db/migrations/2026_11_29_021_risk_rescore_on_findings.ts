import { sqlScriptMigration } from './sql-script.ts';

// Frozen in time: never import app code here, never edit after it has shipped.
// A unit's score reads its inspections, indicators and permits as well as its signals. Until now only a
// signal change asked for a rescoring, so a decision recorded today (a new inspection with deficiencies, a
// revoked permit) showed on the risk card's contributions at once but reached the stored score only at the
// next national run. Now any insert, change or deletion of these rows asks for a rescoring of the units
// concerned, in the same transaction, as a signal does.
const UP = `
    CREATE FUNCTION risk_rescore_unit_rows() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO risk_rescore_request (unit_id) SELECT DISTINCT unit_id FROM new_rows WHERE unit_id IS NOT NULL
          ON CONFLICT (unit_id) DO NOTHING;
      END IF;
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO risk_rescore_request (unit_id) SELECT DISTINCT unit_id FROM old_rows WHERE unit_id IS NOT NULL
          ON CONFLICT (unit_id) DO NOTHING;
      END IF;
      PERFORM pg_notify('risk_rescore', '');
      RETURN NULL;
    END $$;

    -- A permit's statuses name the permit, the permit names the unit.
    CREATE FUNCTION risk_rescore_permit_status_rows() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO risk_rescore_request (unit_id)
          SELECT DISTINCT p.unit_id FROM new_rows n JOIN permit p ON p.id = n.permit_id WHERE p.unit_id IS NOT NULL
          ON CONFLICT (unit_id) DO NOTHING;
      END IF;
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO risk_rescore_request (unit_id)
          SELECT DISTINCT p.unit_id FROM old_rows o JOIN permit p ON p.id = o.permit_id WHERE p.unit_id IS NOT NULL
          ON CONFLICT (unit_id) DO NOTHING;
      END IF;
      PERFORM pg_notify('risk_rescore', '');
      RETURN NULL;
    END $$;

    CREATE TRIGGER inspection_rescore_inserted AFTER INSERT ON inspection
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_rescore_unit_rows();
    CREATE TRIGGER inspection_rescore_updated AFTER UPDATE ON inspection
      REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_rescore_unit_rows();
    CREATE TRIGGER inspection_rescore_deleted AFTER DELETE ON inspection
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_rescore_unit_rows();

    CREATE TRIGGER indicator_value_rescore_inserted AFTER INSERT ON indicator_value
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_rescore_unit_rows();
    CREATE TRIGGER indicator_value_rescore_updated AFTER UPDATE ON indicator_value
      REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_rescore_unit_rows();
    CREATE TRIGGER indicator_value_rescore_deleted AFTER DELETE ON indicator_value
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_rescore_unit_rows();

    CREATE TRIGGER permit_status_rescore_inserted AFTER INSERT ON permit_status
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_rescore_permit_status_rows();
    CREATE TRIGGER permit_status_rescore_updated AFTER UPDATE ON permit_status
      REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_rescore_permit_status_rows();
    CREATE TRIGGER permit_status_rescore_deleted AFTER DELETE ON permit_status
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_rescore_permit_status_rows();
`;

const DOWN = `
    DROP TRIGGER permit_status_rescore_deleted ON permit_status;
    DROP TRIGGER permit_status_rescore_updated ON permit_status;
    DROP TRIGGER permit_status_rescore_inserted ON permit_status;
    DROP TRIGGER indicator_value_rescore_deleted ON indicator_value;
    DROP TRIGGER indicator_value_rescore_updated ON indicator_value;
    DROP TRIGGER indicator_value_rescore_inserted ON indicator_value;
    DROP TRIGGER inspection_rescore_deleted ON inspection;
    DROP TRIGGER inspection_rescore_updated ON inspection;
    DROP TRIGGER inspection_rescore_inserted ON inspection;
    DROP FUNCTION risk_rescore_permit_status_rows();
    DROP FUNCTION risk_rescore_unit_rows();
`;

export const { up, down } = sqlScriptMigration(UP, DOWN);
