import Html from '@kitajs/html';
import type { FieldError } from '../../../../platform/errors.ts';
import { ErrorSummary } from '../../../../platform/web/components.tsx';
import { UNIT_FORMS } from '../../../registry/codes.ts';
import { ACTION_EFFECTS, flagKey, ROOT_CAUSE_CATEGORIES, type CompletenessFlag } from '../check-report-completeness.ts';
import { FIELD_IDS, MAX_ROWS, type ReportForm } from '../report-form.ts';
import { REPORT_KINDS, type ReportKind } from '../report-kinds.ts';
import type { ReportableUnit } from '../repository.ts';
import type { Representative } from '../representative.ts';
import { CsrfField, HiddenField, Radios, Select, Textarea, TextInput } from './form-parts.tsx';
import { ProviderLayout } from './provider-layout.tsx';

export interface ReportFormPageProps {
  representative: Representative;
  kind: ReportKind;
  units: ReportableUnit[];
  form: ReportForm;
  errors: FieldError[];
  /** The completeness check's flags, shown before sending; null before the first check. */
  flags: CompletenessFlag[] | null;
}

/** The form field a completeness flag is about, for the link in the banner. */
export function fieldOfFlag(flag: CompletenessFlag): string {
  switch (flag.code) {
    case 'no_root_causes':
      return FIELD_IDS.rootCause(1, 'kategori');
    case 'no_actions':
      return FIELD_IDS.action(1, 'beskrivning');
    case 'action_without_owner':
      return FIELD_IDS.action(flag.action ?? 1, 'ansvarig');
    case 'action_without_due_date':
      return FIELD_IDS.action(flag.action ?? 1, 'klart');
    case 'no_action_removes_risk':
      return FIELD_IDS.action(1, 'effekt');
    case 'no_follow_up':
      return FIELD_IDS.followUp;
  }
}

function CompletenessBanner({ flags }: { flags: CompletenessFlag[] }) {
  return (
    <div class="govuk-notification-banner" role="region" aria-labelledby="kontroll-rubrik" data-module="govuk-notification-banner">
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id="kontroll-rubrik">
          Kontrollera innan du skickar
        </h2>
      </div>
      <div class="govuk-notification-banner__content">
        <p class="govuk-notification-banner__heading">Utredningen verkar inte vara fullständig</p>
        <ul class="govuk-list govuk-list--bullet">
          {flags.map((flag) => (
            <li>
              <a class="govuk-notification-banner__link" href={`#${fieldOfFlag(flag)}`} safe>
                {flag.message}
              </a>
            </li>
          ))}
        </ul>
        <p class="govuk-body">
          Komplettera anmälan om ni kan. Ni kan också skicka den som den är – då ser handläggaren vad som saknas och kan begära in det.
        </p>
      </div>
    </div>
  );
}

export function ReportFormPage({ representative, kind, units, form, errors, flags }: ReportFormPageProps): JSX.Element {
  const texts = REPORT_KINDS[kind];
  const action = `/provider/rapporter/ny?typ=${kind}`;
  const byProvider = new Map<string, ReportableUnit[]>();
  for (const unit of units) byProvider.set(unit.provider_name, [...(byProvider.get(unit.provider_name) ?? []), unit]);
  const unitOption = (u: ReportableUnit) => ({ value: u.id, text: `${u.name}, ${u.kommun_name} (${UNIT_FORMS[u.form as keyof typeof UNIT_FORMS] ?? u.form})` });
  const showFlags = flags !== null && flags.length > 0 && errors.length === 0;
  return (
    <ProviderLayout title={`${errors.length > 0 ? 'Fel: ' : ''}${texts.title}`} representative={representative} breadcrumbs={[]}>
      <ErrorSummary errors={errors} />
      {showFlags ? <CompletenessBanner flags={flags} /> : ''}
      <span class="govuk-caption-l">
        {texts.label}
      </span>
      <h1 class="govuk-heading-l">
        {texts.title}
      </h1>
      <p class="govuk-body-l">
        {texts.lead}
      </p>
      {units.length === 0 ? (
        <div class="govuk-inset-text" safe>
          {`Ni har ingen verksamhet i registret som anmäls enligt ${texts.name}. Anmälan gäller verksamhet enligt ${texts.law}.`}
        </div>
      ) : (
        <form method="post" action={action} novalidate>
          <CsrfField token={representative.csrfToken} />
          <HiddenField name="skickid" value={form.submissionId} />
          <HiddenField name="antal_orsaker" value={String(form.rootCauses.length)} />
          <HiddenField name="antal_atgarder" value={String(form.actions.length)} />
          {showFlags ? <HiddenField name="bekraftade" value={flags.map(flagKey).join(',')} /> : ''}
          {/* Enter in a text field presses a form's first submit button: that must send, not add a row. Hidden
              from sight, the tab order and assistive technology; the visible "Skicka" below is the real one. */}
          <button type="submit" name="handling" value="skicka" class="govuk-visually-hidden" tabindex="-1" aria-hidden="true">
            Skicka
          </button>

          <h2 class="govuk-heading-m">Händelsen</h2>
          <Select
            id={FIELD_IDS.unitId}
            label="Verksamhet"
            hint="Den verksamhet där händelsen inträffade."
            value={form.unitId}
            placeholder="Välj verksamhet"
            options={byProvider.size === 1 ? units.map(unitOption) : []}
            groups={byProvider.size > 1 ? [...byProvider].map(([label, list]) => ({ label, options: list.map(unitOption) })) : []}
            errors={errors}
          />
          <TextInput id={FIELD_IDS.eventDate} label="När inträffade händelsen?" hint="Till exempel 2026-03-15." value={form.eventDate} width="10" errors={errors} />
          <Textarea id={FIELD_IDS.event} label="Vad hände?" hint="Beskriv händelseförloppet. Skriv inga namn eller personnummer." value={form.event} errors={errors} rows={6} />
          <Textarea
            id={FIELD_IDS.consequences}
            label={`Vilka konsekvenser fick händelsen för ${texts.subject}?`}
            hint="Både det som hände och det som hade kunnat hända."
            value={form.consequences}
            errors={errors}
          />

          <h2 class="govuk-heading-m">Er utredning</h2>
          <Textarea id={FIELD_IDS.investigation} label="Sammanfattning av er utredning" hint="Hur ni har utrett händelsen och vad ni kom fram till." value={form.investigation} errors={errors} rows={6} />

          <h3 class="govuk-heading-s">Bakomliggande orsaker</h3>
          <p class="govuk-body">
            Vilka orsaker gjorde att händelsen kunde inträffa? En utredning som stannar vid vad som hände, utan att identifiera orsakerna, kan inte förhindra att
            det händer igen.
          </p>
          {form.rootCauses.map((row, i) => {
            const n = i + 1;
            return (
              <fieldset class="govuk-fieldset govuk-!-margin-bottom-6">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s" safe>
                  {`Orsak ${n}`}
                </legend>
                <Select
                  id={FIELD_IDS.rootCause(n, 'kategori')}
                  label="Område"
                  bold={false}
                  value={row.category}
                  placeholder="Välj område"
                  options={Object.entries(ROOT_CAUSE_CATEGORIES).map(([value, text]) => ({ value, text }))}
                  errors={errors}
                />
                <Textarea id={FIELD_IDS.rootCause(n, 'beskrivning')} label="Beskrivning av orsaken" bold={false} value={row.description} errors={errors} rows={3} />
              </fieldset>
            );
          })}
          {form.rootCauses.length < MAX_ROWS ? (
            <button type="submit" name="handling" value="fler-orsaker" class="govuk-button govuk-button--secondary" data-module="govuk-button">
              Lägg till en orsak
            </button>
          ) : (
            ''
          )}

          <h3 class="govuk-heading-s">Åtgärder</h3>
          <p class="govuk-body">Vad gör ni för att risken inte ska finnas kvar? Ange vem som ansvarar för varje åtgärd, när den ska vara genomförd och om den undanröjer risken eller bara minskar den.</p>
          {form.actions.map((row, i) => {
            const n = i + 1;
            return (
              <fieldset class="govuk-fieldset govuk-!-margin-bottom-6">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s" safe>
                  {`Åtgärd ${n}`}
                </legend>
                <Textarea id={FIELD_IDS.action(n, 'beskrivning')} label="Vad ska göras?" bold={false} value={row.description} errors={errors} rows={3} />
                <TextInput id={FIELD_IDS.action(n, 'ansvarig')} label="Ansvarig" hint="En funktion eller ett namn." bold={false} value={row.owner} width="30" errors={errors} />
                <TextInput id={FIELD_IDS.action(n, 'klart')} label="Klart senast" hint="Till exempel 2026-06-30." bold={false} value={row.dueDate} width="10" errors={errors} />
                <Radios
                  id={FIELD_IDS.action(n, 'effekt')}
                  label="Vad gör åtgärden med risken?"
                  bold={false}
                  small
                  value={row.effect}
                  options={Object.entries(ACTION_EFFECTS).map(([value, text]) => ({ value, text }))}
                  errors={errors}
                />
              </fieldset>
            );
          })}
          {form.actions.length < MAX_ROWS ? (
            <button type="submit" name="handling" value="fler-atgarder" class="govuk-button govuk-button--secondary" data-module="govuk-button">
              Lägg till en åtgärd
            </button>
          ) : (
            ''
          )}

          <h3 class="govuk-heading-s">Uppföljning</h3>
          <Textarea
            id={FIELD_IDS.followUp}
            label="Hur ska ni följa upp åtgärderna?"
            hint="Hur och när ni kontrollerar att åtgärderna har genomförts och att de har haft effekt."
            value={form.followUp}
            errors={errors}
          />

          <div class="govuk-button-group">
            <button type="submit" name="handling" value="skicka" class="govuk-button" data-module="govuk-button">
              {showFlags ? 'Skicka anmälan ändå' : 'Skicka anmälan'}
            </button>
          </div>
        </form>
      )}
    </ProviderLayout>
  );
}
