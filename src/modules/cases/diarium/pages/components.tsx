import Html from '@kitajs/html';
import type { FieldError } from '../../../../platform/errors.ts';
import { describedBy, ErrorMessage, groupClass, hasError, Hint, Label } from '../../../../platform/web/components.tsx';

// Pieces specific to the diarium pages, in GOV.UK Frontend markup; the common form pieces are in platform/web/components.tsx.

export function FileInput(props: { id: string; label: string; hint?: string; errors?: FieldError[]; labelClass?: string }) {
  const errors = props.errors ?? [];
  return (
    <div class={groupClass(errors, props.id)}>
      <Label id={props.id} label={props.label} labelClass={props.labelClass} />
      <Hint id={props.id} text={props.hint} />
      <ErrorMessage id={props.id} errors={errors} />
      <input
        class={`govuk-file-upload${hasError(errors, props.id) ? ' govuk-file-upload--error' : ''}`}
        id={props.id}
        name={props.id}
        type="file"
        accept=".pdf,.png,.jpg,.jpeg,.docx,.txt,application/pdf,image/png,image/jpeg,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain"
        aria-describedby={describedBy(errors, props.id, !!props.hint)}
      />
    </div>
  );
}

/** Previous and next, and the page numbers known: 1 … 4 5 6 … 12. */
export function Pagination({ page, lastPage, hasNext, hrefFor, label }: { page: number; lastPage: number; hasNext: boolean; hrefFor: (n: number) => string; label: string }) {
  if (page === 1 && !hasNext) return <></>;
  const wanted = [...new Set([1, page - 1, page, page + 1, lastPage])].filter((n) => n >= 1 && n <= Math.max(lastPage, page)).sort((a, b) => a - b);
  const numbers = wanted.flatMap((n, i) => (i > 0 && n - wanted[i - 1] > 1 ? ['gap' as const, n] : [n]));
  return (
    <nav class="govuk-pagination" aria-label={label}>
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
        {numbers.map((n) =>
          n === 'gap' ? (
            <li class="govuk-pagination__item govuk-pagination__item--ellipsis">…</li>
          ) : (
            <li class={`govuk-pagination__item${n === page ? ' govuk-pagination__item--current' : ''}`}>
              <a class="govuk-link govuk-pagination__link" href={hrefFor(n)} aria-label={`Sida ${n}`} aria-current={n === page ? 'page' : undefined}>
                <span safe>{String(n)}</span>
              </a>
            </li>
          ),
        )}
      </ul>
      {hasNext ? (
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
