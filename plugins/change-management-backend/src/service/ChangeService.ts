import { randomUUID } from 'node:crypto';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ChangeDraftInput,
  changeDraftSchema,
  ChangeList,
  ChangeView,
} from '@internal/backstage-plugin-change-management-common';
import { ZodError } from 'zod';
import {
  ChangeListQuery,
  ChangeStore,
  StoredChange,
} from '../database/ChangeStore';
import { resolveAffectedEntities } from './affectedEntities';
import { Clock } from './Clock';

/** The signed-in user an operation runs for, from Backstage auth only. */
export interface Actor {
  userEntityRef: string;
  ownershipEntityRefs: string[];
  credentials: BackstageCredentials;
}

/** Turns a zod failure into a 400 that names each bad field. */
export function parseInput<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ZodError) {
      const problems = error.issues.map(issue =>
        issue.path.length
          ? `${issue.path.join('.')}: ${issue.message}`
          : issue.message,
      );
      throw new InputError(`Invalid request: ${problems.join('; ')}`);
    }
    throw error;
  }
}

/**
 * Owns the rules of the change workflow. It makes no HTTP calls of its own
 * and trusts nothing but the actor handed to it by the router.
 */
export class ChangeService {
  constructor(
    private readonly store: ChangeStore,
    private readonly catalog: CatalogService,
    private readonly clock: Clock,
  ) {}

  async createChange(body: unknown, actor: Actor): Promise<ChangeView> {
    const input = parseInput(() => changeDraftSchema.parse(body));
    const entities = await resolveAffectedEntities(
      input.affectedEntityRefs,
      this.catalog,
      actor.credentials,
    );
    const now = this.clock.now();
    const change: StoredChange = {
      id: randomUUID(),
      type: input.type as StoredChange['type'],
      state: 'draft',
      version: 1,
      title: input.title,
      description: input.description,
      risks: input.risks,
      testingNotes: input.testingNotes,
      pullRequestUrl: input.pullRequestUrl,
      incident: input.incident,
      proposedFix: input.proposedFix,
      affectedEntityRefs: entities.map(e => e.entityRef),
      affectedSystemRefs: [],
      createdBy: actor.userEntityRef,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      exceptions: [],
    };
    const created = await this.store.createChange({
      change,
      entities,
      event: {
        action: 'create',
        toState: 'draft',
        actor: actor.userEntityRef,
        at: now,
        fields: draftFields(input),
      },
    });
    return this.view(created);
  }

  async getChange(id: string): Promise<ChangeView> {
    const change = await this.store.getChange(id);
    if (!change) {
      throw new NotFoundError(`No change with id '${id}'`);
    }
    return this.view(change);
  }

  async listChanges(query: ChangeListQuery): Promise<ChangeList> {
    const { items, nextCursor } = await this.store.listChanges(query);
    return { items: items.map(c => this.withOverdue(c)), nextCursor };
  }

  async listEvents(id: string) {
    await this.getChange(id);
    return { items: await this.store.listEvents(id) };
  }

  private withOverdue(change: StoredChange) {
    const due = change.retrospectiveDueAt;
    const overdue =
      !!due && !change.retrospective && this.clock.now() > new Date(due);
    return { ...change, overdue };
  }

  private view(change: StoredChange): ChangeView {
    // The workflow's allowed actions arrive with the workflow core.
    return { ...this.withOverdue(change), allowedActions: [] };
  }
}

function draftFields(input: ChangeDraftInput): Record<string, unknown> {
  return JSON.parse(JSON.stringify(input));
}
