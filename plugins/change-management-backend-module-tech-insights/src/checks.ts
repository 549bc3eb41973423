import { TechInsightCheck } from '@backstage-community/plugin-tech-insights-node';
import { CHANGE_FAILURE_WINDOW_DAYS } from '@trove/backstage-plugin-change-management-common';
import { CHANGE_MANAGEMENT_FACT_RETRIEVER_ID } from './changeManagementFactRetriever';

/** The failure rate a service stays under in the example check. */
const FAILURE_RATE_LIMIT = 0.15;

/**
 * A check of the JSON rules engine fact checker, in the shape its config
 * takes (its `TechInsightJsonRuleCheck`, without depending on the module).
 *
 * @public
 */
export type ChangeManagementCheck = TechInsightCheck & {
  type: 'json-rules-engine';
  rule: {
    conditions: {
      all: { fact: string; operator: string; value: number }[];
    };
  };
};

/**
 * Example checks on the retriever's facts, in the format of the JSON rules
 * engine fact checker (`@backstage-community/plugin-tech-insights-backend-module-jsonfc`).
 * They are configured, not registered: copy them under
 * `techInsights.factChecker.checks` in app-config.yaml, keyed by id, as the
 * sample app does.
 *
 * @public
 */
export const changeManagementChecks: ChangeManagementCheck[] = [
  {
    id: 'changeManagementNoOverdueRetrospective',
    type: 'json-rules-engine',
    name: 'No overdue retrospective',
    description:
      'Every emergency change deployed to production has its retrospective documented within 48 hours.',
    factIds: [CHANGE_MANAGEMENT_FACT_RETRIEVER_ID],
    rule: {
      conditions: {
        all: [{ fact: 'overdueRetrospectives', operator: 'equal', value: 0 }],
      },
    },
  },
  {
    id: 'changeManagementFailureRateUnder15',
    type: 'json-rules-engine',
    name: 'Change failure rate under 15%',
    description: `Fewer than 15% of the production changes of the last ${CHANGE_FAILURE_WINDOW_DAYS} days were rolled back or failed their verification. Not judged without a production change in that time.`,
    factIds: [CHANGE_MANAGEMENT_FACT_RETRIEVER_ID],
    rule: {
      conditions: {
        all: [
          {
            fact: 'changeFailureRate',
            operator: 'lessThan',
            value: FAILURE_RATE_LIMIT,
          },
        ],
      },
    },
  },
];
