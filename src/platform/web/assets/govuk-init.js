// GOV.UK Frontend's behaviours where Vaka's pages use them, when JavaScript runs (the pages work without):
// after a failed send the error summary takes focus, so the first thing read is what to mend; a button marked
// data-prevent-double-click ignores a second click within a second.
import { Button, createAll, ErrorSummary } from '/assets/govuk/govuk-frontend.min.js';

document.body.classList.add('govuk-frontend-supported');
createAll(ErrorSummary);
createAll(Button);
