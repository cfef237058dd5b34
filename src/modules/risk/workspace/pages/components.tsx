import Html from '@kitajs/html';
import type { NationalRun } from '../repository.ts';
import { triggerTag } from '../labels.ts';
import { formatLongDate, formatSwedishLongDateTime } from '../../../../platform/dates.ts';

// Pieces shared by the risk workspace's pages, in GOV.UK Frontend markup.

export const RECOMPUTE_PATH = '/staff/risk/berakna';

/** Tags for a unit's hard triggers and CUSUM alarm (words, not colour alone). */
export function RiskTags({ triggers, cusumAlarm }: { triggers: string[]; cusumAlarm: boolean }): JSX.Element {
  if (triggers.length === 0 && !cusumAlarm) return <></>;
  return (
    <>
      {triggers.map((t) => (
        <strong class="govuk-tag govuk-tag--red govuk-!-margin-right-1 govuk-!-margin-bottom-1" safe>
          {triggerTag(t)}
        </strong>
      ))}
      {cusumAlarm ? <strong class="govuk-tag govuk-tag--orange govuk-!-margin-bottom-1">CUSUM-larm</strong> : ''}
    </>
  );
}

/** The "compute now" button: a CSRF-protected POST that runs the national recompute and comes back. */
export function RecomputeForm({ csrfToken, returnTo, secondary }: { csrfToken: string; returnTo: string; secondary: boolean }): JSX.Element {
  return (
    <form method="post" action={RECOMPUTE_PATH} class="govuk-!-margin-bottom-6">
      <input type="hidden" name="_csrf" value={csrfToken} />
      <input type="hidden" name="tillbaka" value={returnTo} />
      <button type="submit" class={`govuk-button${secondary ? ' govuk-button--secondary' : ''} govuk-!-margin-bottom-0`} data-module="govuk-button">
        Beräkna nu
      </button>
    </form>
  );
}

/** When the scores shown were computed, or that there are none yet. */
export function RunInfo({ run }: { run: NationalRun }): JSX.Element {
  return (
    <p class="govuk-body" data-run-as-of={run.asOf}>
      <span safe>{`Riskläget gäller den ${formatLongDate(run.asOf)}`}</span>
      {' '}
      <span safe>{`(beräknat ${formatSwedishLongDateTime(run.finishedAt)}).`}</span> Poängen bygger bara på det som var känt den dagen.
    </p>
  );
}

export function NoRunNotice({ canRecompute, csrfToken, returnTo }: { canRecompute: boolean; csrfToken: string; returnTo: string }): JSX.Element {
  return (
    <div class="govuk-inset-text" data-no-run="true">
      <p class="govuk-body">Det finns ingen riskberäkning ännu. Därför finns inga riskpoäng, listor eller diagram att visa.</p>
      {canRecompute ? (
        <>
          <p class="govuk-body">Du kan beräkna riskläget för hela landet nu. Det tar en stund.</p>
          <RecomputeForm csrfToken={csrfToken} returnTo={returnTo} secondary={false} />
        </>
      ) : (
        <p class="govuk-body">En analytiker eller beslutsfattare kan starta beräkningen.</p>
      )}
    </div>
  );
}
