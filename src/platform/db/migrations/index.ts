import type { Migration } from 'kysely';
import * as m001 from './2026_11_23_001_register.ts';
import * as m002 from './2026_11_23_002_intake.ts';
import * as m003 from './2026_11_29_003_risk.ts';
import * as m004 from './2026_11_29_004_selection.ts';
import * as m005 from './2026_11_29_005_cases.ts';
import * as m006 from './2026_11_29_006_case_search.ts';
import * as m007 from './2026_11_29_007_case_change_seq.ts';
import * as m008 from './2026_11_29_008_staff_directory.ts';
import * as m009 from './2026_11_29_009_request_withdrawal.ts';
import * as m010 from './2026_11_29_010_risk_runs_national_only.ts';
import * as m011 from './2026_11_29_011_risk_score_without_cusum_path.ts';
import * as m012 from './2026_11_29_012_risk_score_without_contributions.ts';
import * as m013 from './2026_11_29_013_risk_history_bytes.ts';
import * as m014 from './2026_11_29_014_risk_score_fillfactor.ts';
import * as m015 from './2026_11_29_015_risk_score_class.ts';
import * as m016 from './2026_11_29_016_risk_score_run_check.ts';
import * as m017 from './2026_11_29_017_risk_score_size_double.ts';
import * as m018 from './2026_11_29_018_risk_swedish_days.ts';
import * as m019 from './2026_11_29_019_provider_report_submission.ts';
import * as m020 from './2026_11_29_020_selection_project_submission.ts';
import * as m021 from './2026_11_29_021_risk_rescore_on_findings.ts';
import * as m022 from './2026_11_30_022_risk_alert_outcome.ts';

/** Every migration, in order. Add new ones at the end; never edit a shipped one. */
export const migrations: Record<string, Migration> = {
  '2026_11_23_001_register': m001,
  '2026_11_23_002_intake': m002,
  '2026_11_29_003_risk': m003,
  '2026_11_29_004_selection': m004,
  '2026_11_29_005_cases': m005,
  '2026_11_29_006_case_search': m006,
  '2026_11_29_007_case_change_seq': m007,
  '2026_11_29_008_staff_directory': m008,
  '2026_11_29_009_request_withdrawal': m009,
  '2026_11_29_010_risk_runs_national_only': m010,
  '2026_11_29_011_risk_score_without_cusum_path': m011,
  '2026_11_29_012_risk_score_without_contributions': m012,
  '2026_11_29_013_risk_history_bytes': m013,
  '2026_11_29_014_risk_score_fillfactor': m014,
  '2026_11_29_015_risk_score_class': m015,
  '2026_11_29_016_risk_score_run_check': m016,
  '2026_11_29_017_risk_score_size_double': m017,
  '2026_11_29_018_risk_swedish_days': m018,
  '2026_11_29_019_provider_report_submission': m019,
  '2026_11_29_020_selection_project_submission': m020,
  '2026_11_29_021_risk_rescore_on_findings': m021,
  '2026_11_30_022_risk_alert_outcome': m022,
};
