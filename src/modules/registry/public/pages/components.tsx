import Html from '@kitajs/html';
import type { FieldError } from '../../../../platform/errors.ts';
import { HOME_TYPES, ORIENTATIONS, PERMIT_STATUSES } from '../../codes.ts';

// Small pieces shared by the public HVB pages, following GOV.UK Frontend's markup.

export const HVB_FORM_LABELS: Record<string, string> = { hvb: 'HVB', stodboende: 'Stödboende' };

export function statusLabel(status: string): string {
  return PERMIT_STATUSES[status as keyof typeof PERMIT_STATUSES]?.label ?? status;
}

export function homeTypeLabel(homeType: string | null): string | undefined {
  return homeType ? (HOME_TYPES[homeType as keyof typeof HOME_TYPES] ?? homeType) : undefined;
}

/** "HVB, behandlingshem" */
export function kindOfHomeText(form: string, homeType: string | null): string {
  const type = homeTypeLabel(homeType);
  const formLabel = HVB_FORM_LABELS[form] ?? form;
  return type ? `${formLabel}, ${type.toLowerCase()}` : formLabel;
}

export function orientationText(orientation: string[] | null): string {
  if (!orientation?.length) return 'Uppgift saknas';
  return orientation.map((o) => ORIENTATIONS[o as keyof typeof ORIENTATIONS] ?? o).join(', ');
}

export function agesText(ageMin: number | null, ageMax: number | null): string {
  if (ageMin === null && ageMax === null) return 'Uppgift saknas';
  if (ageMin === null) return `Upp till ${ageMax} år`;
  if (ageMax === null) return `Från ${ageMin} år`;
  return ageMin === ageMax ? `${ageMin} år` : `${ageMin}–${ageMax} år`;
}

/** 2024-03-01 → "1 mars 2024" */
export function dateText(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, day)));
}

export function StatusTag({ status }: { status: string }): JSX.Element {
  return (
    <strong class={`govuk-tag vaka-tag vaka-status--${status}`} safe>
      {statusLabel(status)}
    </strong>
  );
}

/** The list of problems at the top of a form, each linking to its field. */
export function ErrorSummary({ errors }: { errors: FieldError[] }): JSX.Element {
  if (errors.length === 0) return <></>;
  return (
    <div class="govuk-error-summary" data-module="govuk-error-summary">
      <div role="alert">
        <h2 class="govuk-error-summary__title">Det finns ett problem</h2>
        <div class="govuk-error-summary__body">
          <ul class="govuk-list govuk-error-summary__list">
            {errors.map((error) => (
              <li>
                <a href={`#${error.field}`} safe>
                  {error.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

export function ErrorMessage({ id, error }: { id: string; error: FieldError | undefined }): JSX.Element {
  if (!error) return <></>;
  return (
    <p id={`${id}-error`} class="govuk-error-message">
      <span class="govuk-visually-hidden">Fel:</span> <span safe>{error.message}</span>
    </p>
  );
}

export interface PaginationProps {
  page: number;
  lastPage: number;
  /** The link to a page of the same search. */
  hrefFor(page: number): string;
}

/** Pages around the current one, the first and the last, with gaps between: 1 … 4 5 6 … 12. */
export function pageNumbersToShow(page: number, lastPage: number): (number | 'gap')[] {
  const wanted = [...new Set([1, page - 1, page, page + 1, lastPage])].filter((n) => n >= 1 && n <= lastPage).sort((a, b) => a - b);
  return wanted.flatMap((n, i) => (i > 0 && n - wanted[i - 1] > 1 ? ['gap' as const, n] : [n]));
}

export function Pagination({ page, lastPage, hrefFor }: PaginationProps): JSX.Element {
  if (lastPage <= 1) return <></>;
  return (
    <nav class="govuk-pagination" aria-label="Sidor med sökresultat">
      {page > 1 ? (
        <div class="govuk-pagination__prev">
          <a class="govuk-link govuk-pagination__link" href={hrefFor(page - 1)} rel="prev">
            <svg class="govuk-pagination__icon govuk-pagination__icon--prev" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13">
              <path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"></path>
            </svg>
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
          ) : n === page ? (
            <li class="govuk-pagination__item govuk-pagination__item--current">
              <a class="govuk-link govuk-pagination__link" href={hrefFor(n)} aria-label={`Sida ${n}`} aria-current="page">
                {n}
              </a>
            </li>
          ) : (
            <li class="govuk-pagination__item">
              <a class="govuk-link govuk-pagination__link" href={hrefFor(n)} aria-label={`Sida ${n}`}>
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
            <svg class="govuk-pagination__icon govuk-pagination__icon--next" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13">
              <path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z"></path>
            </svg>
          </a>
        </div>
      ) : (
        ''
      )}
    </nav>
  );
}
