// This module runs only when the document is generated (scripts/
// generate-openapi.js) and never in the plugin, so zod-to-openapi stays a
// devDependency.
// eslint-disable-next-line @backstage/no-undeclared-imports
import {
  extendZodWithOpenApi,
  OpenAPIRegistry,
} from '@asteasolutions/zod-to-openapi';
import * as contract from '@trove/backstage-plugin-change-management-common';
import { z } from 'zod';

// registry.register() needs zod's prototype extended (it calls `.openapi`).
// The extension is done here, in the generator, and not in common, which the
// browser loads too and which should not patch zod's prototype there or
// depend on an OpenAPI library for its runtime.
extendZodWithOpenApi(z);

const pascal = (action: string) =>
  action.replace(/(^|-)([a-z])/g, (_, _dash, c: string) => c.toUpperCase());

/** The named schemas of the document, in the order it lists them. */
const COMPONENTS: [string, z.ZodTypeAny][] = [
  ['ChangeType', contract.changeTypeSchema],
  ['ChangeState', contract.changeStateSchema],
  ['ChangeAction', contract.changeActionSchema],
  ['IncidentSeverity', contract.incidentSeveritySchema],
  ['YesNo', contract.yesNoSchema],
  ['StagingTested', contract.stagingTestedSchema],
  ['ChangeExceptionKind', contract.changeExceptionKindSchema],
  ['Incident', contract.incidentSchema],
  ['ChangeSignature', contract.changeSignatureSchema],
  ['ChangeException', contract.changeExceptionSchema],
  ['Change', contract.changeSchema],
  ['ChangeView', contract.changeViewSchema],
  ['SentBack', contract.sentBackSchema],
  ['ChangeListItem', contract.changeListItemSchema],
  ['ChangeList', contract.changeListSchema],
  ['ChangeDraft', contract.changeDraftSchema],
  ['ChangeEdit', contract.changeEditSchema],
  ...contract.CHANGE_ACTIONS.map((action): [string, z.ZodTypeAny] => [
    `${pascal(action)}ActionRequest`,
    contract.actionRequestSchemas[action],
  ]),
  ['ActionRequest', contract.actionRequestSchema],
  ['FreezeWindow', contract.freezeWindowSchema],
  ['Blackout', contract.blackoutSchema],
  ['FreezeStatus', contract.freezeStatusSchema],
  ['GateAnswer', contract.gateAnswerSchema],
  ['ChangeEventFields', contract.changeEventFieldsSchema],
  ['ChangeEvent', contract.changeEventSchema],
  ['ChangeEventList', contract.changeEventListSchema],
  ['ChainHead', contract.chainHeadSchema],
  ['AuditVerification', contract.auditVerificationSchema],
  ['ChainCheckpoint', contract.chainCheckpointSchema],
  ['ChainCheckpointList', contract.chainCheckpointListSchema],
  ['ChangeLogRow', contract.changeLogRowSchema],
  ['ChangeLogExport', contract.changeLogExportSchema],
  ['EntitySummary', contract.entitySummarySchema],
  // Issue 21, metrics.
  ['EntityMetrics', contract.entityMetricsSchema],
  ['Health', contract.healthSchema],
  ['QueueCounts', contract.queueCountsSchema],
  ['InputIssue', contract.inputIssueSchema],
  ['RefusalWindow', contract.refusalWindowSchema],
  // After RefusalWindow, which they name.
  ['DeployVerdict', contract.deployVerdictSchema],
  ['ChangeDetail', contract.changeDetailSchema],
  ['ErrorResponse', contract.errorBodySchema],
  // Each refusal's body is named after its `error.name`, e.g.
  // StaleVersionErrorResponse.
  ...Object.entries(contract.refusalBodySchemas).map(
    ([name, schema]): [string, z.ZodTypeAny] => [`${name}Response`, schema],
  ),
];

/**
 * Registers the shared schemas as named components of the document.
 *
 * zod-to-openapi writes a `$ref` where it meets a schema object that carries
 * a component name. `register` returns a named copy, but common's schemas
 * are built from common's own objects (a change's `incident` is
 * `incidentSchema`), so the name is put on those objects as well: then every
 * schema built from a shared one, and every route that uses one, refers to
 * it instead of repeating it.
 */
export function registerComponents(registry: OpenAPIRegistry) {
  for (const [name, schema] of COMPONENTS) {
    schema._def.openapi = registry.register(name, schema)._def.openapi;
  }
}
