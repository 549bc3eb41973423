import { ChangeRiskFactor } from '@trove/backstage-plugin-change-management-node';

/** The factor's settings, `changeManagement.risk.lifecycle`. */
export interface LifecycleRiskOptions {
  lifecycles: string[];
  points: number;
}

export const DEFAULT_LIFECYCLE_RISK: LifecycleRiskOptions = {
  lifecycles: ['experimental', 'deprecated'],
  points: 3,
};

const nameOf = (ref: string) => ref.replace(/^[^:]+:(default\/)?/, '');

/**
 * A change that touches an entity in an unsettled lifecycle carries more
 * risk: an experimental one has little history, a deprecated one few who
 * still know it. It reads the lifecycles the assessment already read from
 * the catalog, so it makes no call of its own.
 */
export function lifecycleRiskFactor(
  options: LifecycleRiskOptions = DEFAULT_LIFECYCLE_RISK,
): ChangeRiskFactor {
  return {
    id: 'lifecycle-unsettled',
    async assess(_change, ctx) {
      const unsettled = ctx.affected.filter(
        e => e.lifecycle && options.lifecycles.includes(e.lifecycle),
      );
      if (unsettled.length === 0) return undefined;
      return {
        points: unsettled.length * options.points,
        message: unsettled
          .map(e => `${nameOf(e.entityRef)} is ${e.lifecycle}`)
          .join('; '),
      };
    },
  };
}
