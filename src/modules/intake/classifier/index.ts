// Swedish text classifier for incoming signals: risk areas, urgency and an explanation, learning from staff
// corrections. Offline and dependency-free.
export { classifyText, defaultModel, ClassifierInputError, URGENCY_LABELS, MAX_TEXT_LENGTH, type Classification, type Evidence } from './classify.ts';
export { trainModel, updateModel, modelFromJson, RISK_CODES, type Model, type Correction, type LabelledText, type TrainingExample, type TrainingOptions } from './model.ts';
export { loadLabelledTexts, parseLabelledTexts } from './dataset.ts';
export { crossValidate, evaluateModel, formatReport, type EvaluationReport } from './evaluate.ts';
export { registerClassifyCommand, runClassify } from './cli.ts';
