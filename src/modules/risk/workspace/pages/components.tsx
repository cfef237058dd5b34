import Html from '@kitajs/html';
import type { NationalRun } from '../repository.ts';
import { formatDateTime, formatLongDate, triggerTag } from '../labels.ts';

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
      <span safe>{`(beräknat ${formatDateTime(run.finishedAt)}).`}</span> Poängen bygger bara på det som var känt den dagen.
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

export function SuccessBanner({ text }: { text: string }): JSX.Element {
  return (
    <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="klart-titel" data-module="govuk-notification-banner">
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id="klart-titel">
          Klart
        </h2>
      </div>
      <div class="govuk-notification-banner__content">
        <p class="govuk-notification-banner__heading" safe>
          {text}
        </p>
      </div>
    </div>
  );
}

/** Pages around the current one, the first and the last, with gaps between: 1 … 4 5 6 … 12. */
export function pageNumbersToShow(page: number, lastPage: number): (number | 'gap')[] {
  const wanted = [...new Set([1, page - 1, page, page + 1, lastPage])].filter((n) => n >= 1 && n <= lastPage).sort((a, b) => a - b);
  return wanted.flatMap((n, i) => (i > 0 && n - wanted[i - 1] > 1 ? ['gap' as const, n] : [n]));
}

export function Pagination({ page, lastPage, hrefFor }: { page: number; lastPage: number; hrefFor: (page: number) => string }): JSX.Element {
  if (lastPage <= 1) return <></>;
  return (
    <nav class="govuk-pagination" aria-label="Sidor i listan">
      {page > 1 ? (
        <div class="govuk-pagination__prev">
          <a class="govuk-link govuk-pagination__link" href={hrefFor(page - 1)} rel="prev">
            <span class="govuk-pagination__link-title">
              Föregående<span class="govuk-visually-hidden"> sida</span>
            </span>
          </a>
        </div>
      ) : (
        ''
      )}
      <ul class="govuk-pagination__list">
        {pageNumbersToShow(page, lastPage).map((n) =>
          n === 'gap' ? (
            <li class="govuk-pagination__item govuk-pagination__item--ellipsis">…</li>
          ) : (
            <li class={`govuk-pagination__item${n === page ? ' govuk-pagination__item--current' : ''}`}>
              <a class="govuk-link govuk-pagination__link" href={hrefFor(n)} aria-label={`Sida ${n}`} aria-current={n === page ? 'page' : undefined}>
                {n}
              </a>
            </li>
          ),
        )}
      </ul>
      {page < lastPage ? (
        <div class="govuk-pagination__next">
          <a class="govuk-link govuk-pagination__link" href={hrefFor(page + 1)} rel="next">
            <span class="govuk-pagination__link-title">
              Nästa<span class="govuk-visually-hidden"> sida</span>
            </span>
          </a>
        </div>
      ) : (
        ''
      )}
    </nav>
  );
}

export interface Option {
  value: string;
  text: string;
}

export function Select({ id, label, value, options }: { id: string; label: string; value: string; options: Option[] }): JSX.Element {
  return (
    <div class="govuk-form-group">
      <label class="govuk-label" for={id} safe>
        {label}
      </label>
      <select class="govuk-select" id={id} name={id}>
        {options.map((o) => (
          <option value={o.value} selected={o.value === value} safe>
            {o.text}
          </option>
        ))}
      </select>
    </div>
  );
}

export function SummaryRow({ name, children }: { name: string; children?: Html.Children }): JSX.Element {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key" safe>
        {name}
      </dt>
      <dd class="govuk-summary-list__value">{children}</dd>
    </div>
  );
}
