import Html from '@kitajs/html';
import { Layout } from '../../platform/web/layout.tsx';

/** The public front page: what the service is and where to go, in plain Swedish. */
export function StartPage() {
  return (
    <Layout title="Startsida">
      <h1 class="govuk-heading-xl">Tillsyn av vård och omsorg</h1>
      <p class="govuk-body-l">
        Här finns uppgifter om verksamheter inom hälso- och sjukvård, socialtjänst och stöd till personer med funktionsnedsättning som står under tillsyn.
      </p>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-half">
          <h2 class="govuk-heading-m">
            <a class="govuk-link" href="/hvb">
              HVB-förteckningen
            </a>
          </h2>
          <p class="govuk-body">
            Sök bland hem för vård eller boende (HVB) och stödboenden för barn och unga. Se vilka åldrar hemmen tar emot, vad de arbetar med och om de får ta emot placeringar.
          </p>
        </div>
        <div class="govuk-grid-column-one-half">
          <h2 class="govuk-heading-m">
            <a class="govuk-link" href="/api/docs">
              Öppna data
            </a>
          </h2>
          <p class="govuk-body">Registret över verksamheter och vårdgivare finns också som öppna data för andra system.</p>
        </div>
      </div>
      <h2 class="govuk-heading-m">För medarbetare</h2>
      <p class="govuk-body">
        <a class="govuk-link" href="/staff">
          Logga in
        </a>{' '}
        för att arbeta med registret.
      </p>
    </Layout>
  );
}
