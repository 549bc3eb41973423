import { drafts } from '@trove/backstage-plugin-change-management-backend/testUtils';
import { Backend } from '../backend';

export type User = 'alice' | 'bob' | 'carol';

/** The plugin's API on one backend, as the sample users. */
export class Api {
  constructor(
    readonly backend: Backend,
    private readonly tokens: Record<User, string>,
  ) {}

  async request(
    user: User,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: any }> {
    const res = await fetch(
      `${this.backend.baseUrl}/api/change-management${path}`,
      {
        method,
        headers: {
          authorization: `Bearer ${this.tokens[user]}`,
          'content-type': 'application/json',
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      },
    );
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  async create(): Promise<{ id: string; version: number }> {
    const res = await this.request(
      'alice',
      'POST',
      '/changes',
      drafts.standard,
    );
    if (res.status !== 201) throw new Error(`create: ${res.status}`);
    return res.body;
  }

  act(user: User, id: string, version: number, action: string, fields = {}) {
    return this.request(user, 'POST', `/changes/${id}/actions`, {
      action,
      version,
      ...fields,
    });
  }
}

/** The tokens of the sample users, from one backend's dev sign-in. */
export async function tokensFrom(
  backend: Backend,
): Promise<Record<User, string>> {
  return {
    alice: await backend.token('alice'),
    bob: await backend.token('bob'),
    carol: await backend.token('carol'),
  };
}

/**
 * Writes until `stop()`: each worker raises a change and takes it through
 * submit, review and approve, on the two backends in turn. Failures are
 * expected while a fault lasts; they are counted, not thrown.
 */
export function writeLoad(apis: Api[], workers: number) {
  let running = true;
  const counts = { ok: 0, failed: 0 };
  const steps: [User, string][] = [
    ['alice', 'submit'],
    ['bob', 'review'],
    ['carol', 'approve'],
  ];
  const worker = async (w: number) => {
    let turn = w;
    const api = () => apis[turn++ % apis.length];
    while (running) {
      try {
        let change = await api().create();
        counts.ok += 1;
        for (const [user, action] of steps) {
          const res = await api().act(user, change.id, change.version, action);
          if (res.status !== 200) throw new Error(`${action}: ${res.status}`);
          change = res.body;
          counts.ok += 1;
        }
      } catch {
        counts.failed += 1;
        await new Promise(resolve => setTimeout(resolve, 200));
      }
    }
  };
  const done = Promise.all(
    Array.from({ length: workers }, (_, w) => worker(w)),
  );
  return {
    counts,
    async stop() {
      running = false;
      await done;
      return counts;
    },
  };
}
