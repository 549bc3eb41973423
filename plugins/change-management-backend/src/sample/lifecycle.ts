import { randomUUID } from 'node:crypto';
import {
  ActionRequest,
  applyAction,
  ChangeAction,
  changeDraftSchema,
  DEFAULT_FREEZE_CALENDAR,
  findFreezeWindow,
  parsePullRequestUrl,
  isRetrospectiveOverdue,
  parseActionRequest,
  Actor,
  ChangeDraftInput,
  PullRequestSnapshot,
} from '@trove/backstage-plugin-change-management-common';
// The request fixtures are valid for every type and action; the generator
// is test and sample code, published through the testUtils entry only.
// eslint-disable-next-line no-restricted-imports
import { actionFields, drafts } from '../__testUtils__/changes';
import { HistoryEntry } from '../database/bulkHistory';
import {
  AffectedEntity,
  NewChangeEvent,
  StoredChange,
} from '../database/ChangeStore';
import { afterAction, newDraft } from '../service/changeRecord';

/** Who takes a step: the change's author, its peer reviewer or the CTO. */
export type Party = 'author' | 'reviewer' | 'cto';

/** What a step sends beside the usual fields, and how long after the last. */
export interface StepOptions {
  /** Fields over the fixture's for this action (for `edit`, the draft's). */
  fields?: Record<string, unknown>;
  /** Time since the previous step, instead of the change's `stepMs`. */
  afterMs?: number;
}

/** One step: who takes which action, with what. */
export type Step = [Party, ChangeAction] | [Party, ChangeAction, StepOptions];
type DraftType = keyof typeof drafts;

/** A change as the store would hold it after its actions, with its events. */
export type SeededChange = HistoryEntry;

/** A path through the workflow, with how often changes take it. */
export interface Script {
  name: string;
  type: DraftType;
  steps: Step[];
  weight: number;
}

const rework: Step[] = [
  ['author', 'submit'],
  ['reviewer', 'request-changes'],
  ['author', 'edit'],
];
const toProduction: Step[] = [
  ['author', 'submit'],
  ['reviewer', 'review'],
  ['cto', 'approve'],
  ['author', 'record-staging'],
  ['cto', 'sign-off'],
  ['author', 'deploy'],
  ['author', 'verify'],
];

/**
 * The mix of paths: about 10 events a change, most of them completed, some
 * waiting on the CTO (approval) or a reviewer. A deploy the freeze refuses
 * ends its change where it stands, as on the server.
 */
export const SCRIPTS: Script[] = [
  {
    name: 'reworked',
    type: 'standard',
    steps: [...rework, ...toProduction],
    weight: 60,
  },
  {
    name: 'emergency',
    type: 'emergency',
    steps: [
      ['author', 'edit'],
      ['author', 'submit'],
      ['cto', 'approve'],
      ['author', 'deploy'],
      ['author', 'verify'],
      ['author', 'document-retrospective'],
      ['cto', 'complete-review'],
    ],
    weight: 15,
  },
  {
    name: 'awaiting-approval',
    type: 'standard',
    steps: [...rework, ['author', 'submit'], ['reviewer', 'review']],
    weight: 10,
  },
  {
    name: 'infrastructure',
    type: 'infrastructure',
    steps: [
      ['author', 'submit'],
      ['reviewer', 'review'],
      ['cto', 'request-changes'],
      ['author', 'edit'],
      ...toProduction,
    ],
    weight: 10,
  },
  {
    name: 'in-review',
    type: 'standard',
    steps: [['author', 'submit']],
    weight: 5,
  },
];

export const AWAITING_APPROVAL = SCRIPTS[2];

const engineer = (name: string): Actor => ({
  userEntityRef: `user:default/${name}`,
  isCto: false,
  engineerOf: 'any',
});
/** The sample org: three engineers who author and review, and the CTO. */
export const ENGINEERS = ['alice', 'bob', 'dana'].map(engineer);
export const CTO: Actor = {
  userEntityRef: 'user:default/carol',
  isCto: true,
  engineerOf: 'any',
};

// Requests are the same for every change of a script: parse each once. A
// step with fields of its own is parsed on its own.
const parsedRequests = new Map<string, ActionRequest>();
function requestFor(
  type: DraftType,
  action: ChangeAction,
  refs: string[],
  own?: Record<string, unknown>,
): ActionRequest {
  const key = `${type} ${action} ${refs.join(',')}`;
  let request = own ? undefined : parsedRequests.get(key);
  if (!request) {
    const fields =
      action === 'edit'
        ? { ...drafts[type], ...own, affectedEntityRefs: refs }
        : { ...actionFields[action], ...own };
    request = parseActionRequest({ action, version: 1, ...fields });
    if (!own) parsedRequests.set(key, request);
  }
  return request;
}

// Freeze windows start and end at midnight in their zone, and every zone's
// offset is a multiple of 15 minutes: one lookup per quarter hour is exact.
const QUARTER_HOUR = 900_000;
const freezeAt = new Map<number, ReturnType<typeof findFreezeWindow>>();
function freezeWindowAt(at: Date) {
  const key = Math.floor(at.getTime() / QUARTER_HOUR);
  if (!freezeAt.has(key)) {
    freezeAt.set(key, findFreezeWindow(at, DEFAULT_FREEZE_CALENDAR));
  }
  return freezeAt.get(key);
}

const parsedDrafts = new Map<
  string,
  ReturnType<typeof changeDraftSchema.parse>
>();
function draftFor(
  type: DraftType,
  refs: string[],
  own?: Partial<ChangeDraftInput>,
) {
  const key = `${type} ${refs.join(',')}`;
  let draft = own ? undefined : parsedDrafts.get(key);
  if (!draft) {
    draft = changeDraftSchema.parse({
      ...drafts[type],
      ...own,
      affectedEntityRefs: refs,
    });
    if (!own) parsedDrafts.set(key, draft);
  }
  return draft;
}

/** As the store reads a change back: entity and System refs sorted. */
function withEntities(change: StoredChange, entities: AffectedEntity[]) {
  return {
    ...change,
    affectedEntityRefs: entities.map(e => e.entityRef).sort(),
    affectedSystemRefs: [
      ...new Set(entities.flatMap(e => (e.systemRef ? [e.systemRef] : []))),
    ].sort(),
  };
}

/**
 * One change raised and taken along a script, built exactly as
 * ChangeService.createChange and ChangeService.act build the row and the
 * events they hand the store, with the shared workflow's `applyAction`
 * judging and recording every step. Events are `stepMs` apart, unless a
 * step says otherwise.
 */
export function seedChange(options: {
  script: Script;
  entities: AffectedEntity[];
  /** The author's index in ENGINEERS; the next engineer reviews. */
  author: number;
  createdAt: Date;
  stepMs: number;
  title: string;
  /** Draft fields over the fixture of the script's type. */
  draft?: Partial<ChangeDraftInput>;
  /**
   * Each deploy of a change that links a PR records its snapshot, as with
   * the GitHub module installed (issue 20): for the bench's export.
   */
  pullRequests?: boolean;
}): SeededChange {
  const { script, entities, createdAt, stepMs } = options;
  const author = ENGINEERS[options.author % ENGINEERS.length];
  const reviewer = ENGINEERS[(options.author + 1) % ENGINEERS.length];
  const actors: Record<Party, Actor> = {
    author,
    reviewer,
    cto: CTO,
  };
  const refs = entities.map(e => e.entityRef);
  // The parsed draft of its type, with its own title (a plain one).
  const input = {
    ...draftFor(script.type, refs, options.draft),
    title: options.title,
  };
  const { affectedEntityRefs: _refs, ...draft } = input;
  let change: StoredChange = withEntities(
    newDraft({
      id: randomUUID(),
      draft,
      by: author.userEntityRef,
      at: createdAt.toISOString(),
    }),
    entities,
  );
  const events: NewChangeEvent[] = [
    {
      action: 'create',
      toState: 'draft',
      actor: author.userEntityRef,
      at: createdAt,
      fields: { ...input, affectedEntityRefs: refs },
    },
  ];
  let time = createdAt.getTime();
  for (const [party, action, step] of script.steps) {
    time += step?.afterMs ?? stepMs;
    const at = new Date(time);
    const request = requestFor(script.type, action, refs, step?.fields);
    const outcome = applyAction(
      { ...change, overdue: isRetrospectiveOverdue(change, at) },
      request,
      {
        actor: actors[party],
        now: at,
        allowSelfApproval: false,
        freeze: freezeWindowAt(at),
        freezeTimeZone: DEFAULT_FREEZE_CALENDAR.timeZone,
        blackouts: [],
      },
    );
    if (!outcome.ok) {
      // Refused (a deploy in the freeze): nothing is written, as on the
      // server; the change stays where it is.
      break;
    }
    const eventFields =
      action === 'edit'
        ? { ...outcome.eventFields, affectedEntityRefs: refs }
        : outcome.eventFields;
    if (options.pullRequests && action === 'deploy' && change.pullRequestUrl) {
      eventFields.pullRequest = pullRequestAt(
        change.pullRequestUrl,
        author,
        reviewer,
        at,
      );
    }
    events.push({
      action,
      fromState: change.state,
      toState: outcome.to,
      actor: actors[party].userEntityRef,
      at,
      comment: outcome.comment,
      fields: outcome.exceptions.length
        ? { ...eventFields, exceptions: outcome.exceptions }
        : eventFields,
    });
    change = afterAction(change, outcome, outcome.exceptions, at.toISOString());
  }
  return { change, entities, events };
}

/** A merged PR with its reviewer's approval and passing checks, read at `at`. */
function pullRequestAt(
  url: string,
  author: Actor,
  reviewer: Actor,
  at: Date,
): PullRequestSnapshot {
  const minutes = (m: number) =>
    new Date(at.getTime() - m * 60_000).toISOString();
  const parsed = parsePullRequestUrl(url);
  const login = (actor: Actor) =>
    actor.userEntityRef.replace(/^user:default\//, '');
  return {
    url,
    repository: parsed ? `${parsed.owner}/${parsed.repo}` : 'acme/service',
    number: parsed?.number ?? 1,
    title: 'Upgrade the PSP SDK to v5',
    state: 'merged',
    author: login(author),
    headSha: '3f2a9c1d7e5b4a6f8c0d2e4f6a8b0c1d2e3f4a5b',
    mergeSha: '9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b',
    mergedAt: minutes(30),
    approvals: [{ reviewer: login(reviewer), at: minutes(60) }],
    checks: [
      {
        name: 'build',
        status: 'completed',
        conclusion: 'success',
        at: minutes(45),
      },
      {
        name: 'test',
        status: 'completed',
        conclusion: 'success',
        at: minutes(40),
      },
    ],
    readAt: at.toISOString(),
  };
}
