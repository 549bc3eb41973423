import {
  ChangeDraftInput,
  changeDraftSchema,
  ChangeType,
  ChangeView,
  InputIssue,
  missingForSubmit,
  plannedWindowIssues,
  toInputIssues,
} from '@trove/backstage-plugin-change-management-common';
import { PlacedIssues, placeIssues } from '../issues';
import { fromLocalInput, toLocalInput } from '../PlannedWindow';

/** The inputs of the draft form, as the user edits them. */
export type Form = {
  type: ChangeType;
  title: string;
  description: string;
  risks: string;
  testingNotes: string;
  pullRequestUrl: string;
  incidentRef: string;
  severity: '' | 'P1' | 'P2';
  proposedFix: string;
  affectedEntityRefs: string[];
  /** datetime-local values, in the user's zone; empty when not planned. */
  plannedStart: string;
  plannedEnd: string;
};

/** The form for a new change, or for editing a draft. */
export function initialForm(entityRef?: string, change?: ChangeView): Form {
  return {
    type: change?.type ?? 'standard',
    title: change?.title ?? '',
    description: change?.description ?? '',
    risks: change?.risks ?? '',
    testingNotes: change?.testingNotes ?? '',
    pullRequestUrl: change?.pullRequestUrl ?? '',
    incidentRef: change?.incident?.ref ?? '',
    severity: change?.incident?.severity ?? '',
    proposedFix: change?.proposedFix ?? '',
    affectedEntityRefs:
      change?.affectedEntityRefs ?? (entityRef ? [entityRef] : []),
    plannedStart: toLocalInput(change?.plannedStart),
    plannedEnd: toLocalInput(change?.plannedEnd),
  };
}

/**
 * An emergency raised from a change the freeze holds back: its record
 * copied, for the incident and the fix to be added.
 */
export function emergencyFrom(change: ChangeView): Form {
  return {
    ...initialForm(),
    type: 'emergency',
    title: change.title,
    description: change.description ?? '',
    risks: change.risks ?? '',
    testingNotes: change.testingNotes ?? '',
    affectedEntityRefs: change.affectedEntityRefs,
  };
}

/** The inputs in the order the form shows them. */
export const FORM_ORDER: (keyof Form)[] = [
  'type',
  'title',
  'description',
  'risks',
  'testingNotes',
  'pullRequestUrl',
  'incidentRef',
  'severity',
  'proposedFix',
  'affectedEntityRefs',
  'plannedStart',
  'plannedEnd',
];

/** The request body for a form: only the fields its type uses. */
export function toInput(form: Form): ChangeDraftInput {
  const emergency = form.type === 'emergency';
  return {
    type: form.type,
    title: form.title,
    description: form.description,
    risks: form.risks,
    testingNotes: form.testingNotes,
    pullRequestUrl:
      !emergency && form.pullRequestUrl ? form.pullRequestUrl : undefined,
    incident:
      emergency && (form.incidentRef || form.severity)
        ? { ref: form.incidentRef, severity: form.severity as 'P1' | 'P2' }
        : undefined,
    proposedFix: emergency && form.proposedFix ? form.proposedFix : undefined,
    affectedEntityRefs: form.affectedEntityRefs,
    plannedStart: fromLocalInput(form.plannedStart),
    plannedEnd: fromLocalInput(form.plannedEnd),
  };
}

/** The input of the form for each path of the request body. */
const INPUT_OF_PATH: Record<string, keyof Form> = {
  type: 'type',
  title: 'title',
  description: 'description',
  risks: 'risks',
  testingNotes: 'testingNotes',
  pullRequestUrl: 'pullRequestUrl',
  incident: 'incidentRef',
  'incident.ref': 'incidentRef',
  'incident.severity': 'severity',
  proposedFix: 'proposedFix',
  affectedEntityRefs: 'affectedEntityRefs',
  plannedStart: 'plannedStart',
  plannedEnd: 'plannedEnd',
};

/**
 * Whether the form asks for an input for this type: an emergency names its
 * incident and fix, the other types their pull request (RaiseChangeDialog).
 */
function shows(input: keyof Form, type: ChangeType): boolean {
  const emergency = type === 'emergency';
  switch (input) {
    case 'pullRequestUrl':
      return !emergency;
    case 'incidentRef':
    case 'severity':
    case 'proposedFix':
      return emergency;
    default:
      return true;
  }
}

/** Issues beside the inputs of the form; what names none is general. */
export function placeForForm(
  issues: InputIssue[],
  type: ChangeType,
): PlacedIssues {
  return placeIssues(issues, path => {
    const input = INPUT_OF_PATH[path];
    return input && shows(input, type) ? input : undefined;
  });
}

/**
 * What is wrong with a draft, from the shared schema and, to submit, what
 * the workflow still needs: every issue at once, each beside its input.
 */
export function validate(form: Form, submitting: boolean): PlacedIssues {
  const input = toInput(form);
  const parsed = changeDraftSchema.safeParse(input);
  const issues = parsed.success ? [] : toInputIssues(parsed.error.issues);
  // The pair is judged apart from the schema, as the server judges it.
  issues.push(...plannedWindowIssues(input));
  if (submitting) {
    issues.push(
      ...missingForSubmit({
        ...input,
        description: form.description,
        risks: form.risks,
        testingNotes: form.testingNotes,
      }),
    );
  }
  return placeForForm(issues, form.type);
}

/**
 * The inputs a submit needs for a type, from the workflow's own check on an
 * empty draft: the form marks them required.
 */
export function requiredInputs(type: ChangeType): Set<keyof Form> {
  const empty = { ...toInput({ ...initialForm(), type }), description: '' };
  return new Set(
    missingForSubmit({ ...empty, risks: '', testingNotes: '' })
      .map(issue => INPUT_OF_PATH[issue.path])
      .filter(input => input && shows(input, type)),
  );
}

/** Where a form in progress is kept for the browser tab (sessionStorage). */
export function storageKey(
  entityRef?: string,
  change?: ChangeView,
  from?: ChangeView,
): string {
  if (from) return `change-management:raise-emergency:${from.id}`;
  return change
    ? `change-management:edit-draft:${change.id}:${change.version}`
    : `change-management:raise-change:${entityRef ?? ''}`;
}

/** The form kept for this tab, if any. */
export function restoreForm(key: string): Form | undefined {
  try {
    const stored = window.sessionStorage.getItem(key);
    // A form kept before the planned window was asked lacks its inputs.
    return stored
      ? { ...initialForm(), ...(JSON.parse(stored) as Partial<Form>) }
      : undefined;
  } catch {
    return undefined;
  }
}

export const NO_ISSUES: PlacedIssues = { fields: {}, general: [] };
