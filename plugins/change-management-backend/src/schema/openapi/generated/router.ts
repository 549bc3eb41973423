// THIS IS A GENERATED FILE. DO NOT EDIT IT DIRECTLY.
// It is generated from the zod schemas of change-management-common by
// src/schema/openapi.ts: edit those, then run: yarn generate:openapi
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'change-management',
    version: '1',
    description:
      'Changes under the Change Management SOP: standard, infrastructure and emergency changes, their workflow actions and the audit trail. Every workflow rule is enforced by this API. Refusals carry `error.name` and fields that programs read (see the *ErrorResponse schemas).',
    license: {
      name: 'Apache-2.0',
    },
  },
  servers: [
    {
      url: '/',
    },
  ],
  security: [
    {
      JWT: [],
    },
  ],
  components: {
    securitySchemes: {
      JWT: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
      },
    },
    schemas: {
      ChangeType: {
        type: 'string',
        enum: ['standard', 'emergency', 'infrastructure'],
        description:
          'The SOP category; emergency changes follow their own state machine.',
      },
      ChangeState: {
        type: 'string',
        enum: [
          'draft',
          'in_review',
          'awaiting_approval',
          'approved',
          'staging_verified',
          'ready_for_production',
          'deployed',
          'verified',
          'retrospective_done',
          'completed',
          'rolled_back',
          'rejected',
          'cancelled',
        ],
        description: 'A state of the workflow (docs/workflow.md).',
      },
      ChangeAction: {
        type: 'string',
        enum: [
          'edit',
          'submit',
          'review',
          'request-changes',
          'waive-review',
          'return-to-review',
          'approve',
          'reject',
          'record-staging',
          'sign-off',
          'deploy',
          'verify',
          'roll-back',
          'document-retrospective',
          'complete-review',
          'cancel',
        ],
        description: 'A workflow action (docs/workflow.md).',
      },
      IncidentSeverity: {
        type: 'string',
        enum: ['P1', 'P2'],
      },
      YesNo: {
        type: 'string',
        enum: ['yes', 'no'],
      },
      StagingTested: {
        type: 'string',
        enum: ['yes', 'no', 'n/a'],
      },
      ChangeExceptionKind: {
        type: 'string',
        enum: [
          'waived-review',
          'self-approval',
          'freeze-override',
          'late-retrospective',
        ],
      },
      Incident: {
        type: 'object',
        properties: {
          ref: {
            type: 'string',
            minLength: 1,
            maxLength: 200,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
            description: 'The incident in the incident tracker, e.g. INC-1042.',
          },
          severity: {
            $ref: '#/components/schemas/IncidentSeverity',
          },
        },
        required: ['ref', 'severity'],
        additionalProperties: false,
      },
      ChangeSignature: {
        type: 'object',
        properties: {
          by: {
            type: 'string',
            description: 'Who did it (a user entity ref).',
          },
          at: {
            type: 'string',
            format: 'date-time',
            description: 'When, ISO 8601.',
          },
        },
        required: ['by', 'at'],
        additionalProperties: false,
      },
      ChangeException: {
        type: 'object',
        properties: {
          kind: {
            $ref: '#/components/schemas/ChangeExceptionKind',
          },
          actor: {
            type: 'string',
            description: 'Whoever caused the exception (a user entity ref).',
          },
          at: {
            type: 'string',
            format: 'date-time',
            description: 'When, ISO 8601.',
          },
          detail: {
            type: 'string',
            description: 'What happened, for an auditor.',
          },
        },
        required: ['kind', 'actor', 'at', 'detail'],
        additionalProperties: false,
      },
      Change: {
        type: 'object',
        properties: {
          id: {
            type: 'string',
            format: 'uuid',
            description: 'Assigned by the server.',
          },
          type: {
            $ref: '#/components/schemas/ChangeType',
          },
          state: {
            $ref: '#/components/schemas/ChangeState',
          },
          version: {
            type: 'integer',
            minimum: 1,
            description:
              'Increases with every accepted write; actions must send the last one seen.',
          },
          title: {
            type: 'string',
          },
          description: {
            type: 'string',
            description: 'What is being changed and why.',
          },
          risks: {
            type: 'string',
            description: 'Risks and potential side effects.',
          },
          testingNotes: {
            type: 'string',
            description: 'How the change was tested locally.',
          },
          pullRequestUrl: {
            type: 'string',
            format: 'uri',
          },
          incident: {
            allOf: [
              {
                $ref: '#/components/schemas/Incident',
              },
              {
                description: 'Emergency only.',
              },
            ],
          },
          proposedFix: {
            type: 'string',
            description: 'Emergency only: the fix proposed to the CTO.',
          },
          causedBy: {
            type: 'string',
            format: 'uuid',
            description:
              'Emergency only: the id of the change whose failure caused the incident.',
          },
          risk: {
            type: 'object',
            properties: {
              level: {
                type: 'string',
                enum: ['low', 'medium', 'high'],
              },
              score: {
                type: 'number',
                description: 'The sum of the reasons points.',
              },
              reasons: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    factor: {
                      type: 'string',
                      description:
                        'Which factor: blast-radius, criticality, lifecycle, history-failures, history-score, conflicts, freeze, near-freeze, working-hours, type, or an extra factor id.',
                    },
                    points: {
                      type: 'number',
                      description: 'What it adds to the score.',
                    },
                    message: {
                      type: 'string',
                      description: 'The reason in a sentence.',
                    },
                  },
                  required: ['factor', 'points', 'message'],
                  additionalProperties: false,
                },
                description: 'Highest points first.',
              },
              assessedAt: {
                type: 'string',
                format: 'date-time',
                description: 'When the server assessed it, ISO 8601.',
              },
            },
            required: ['level', 'score', 'reasons', 'assessedAt'],
            additionalProperties: false,
            description:
              'The risk as assessed when the change was raised, last edited or submitted; never recomputed on read.',
          },
          affectedEntityRefs: {
            type: 'array',
            items: {
              type: 'string',
            },
            description:
              'The entities the change touches (components, resources, systems, ...).',
          },
          affectedSystemRefs: {
            type: 'array',
            items: {
              type: 'string',
            },
            description:
              'The systems those entities belonged to when recorded.',
          },
          createdBy: {
            type: 'string',
            description:
              'The author: the user who raised the change (a user entity ref).',
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
            description: 'When the change was raised.',
          },
          updatedAt: {
            type: 'string',
            format: 'date-time',
            description: 'The last accepted write.',
          },
          reviewed: {
            allOf: [
              {
                $ref: '#/components/schemas/ChangeSignature',
              },
              {
                description: 'The peer review.',
              },
            ],
          },
          secondReviewed: {
            allOf: [
              {
                $ref: '#/components/schemas/ChangeSignature',
              },
              {
                description:
                  'Issue 24: the second peer review, by another engineer, where the twoPeerReviews policy binds the change (docs/workflow.md).',
              },
            ],
          },
          approved: {
            allOf: [
              {
                $ref: '#/components/schemas/ChangeSignature',
              },
              {
                description: 'The CTO approval.',
              },
            ],
          },
          signedOff: {
            allOf: [
              {
                $ref: '#/components/schemas/ChangeSignature',
              },
              {
                description: "The CTO's production sign-off.",
              },
            ],
          },
          stagingTested: {
            $ref: '#/components/schemas/StagingTested',
          },
          deployed: {
            type: 'object',
            properties: {
              by: {
                type: 'string',
                description: 'Who did it (a user entity ref).',
              },
              at: {
                type: 'string',
                format: 'date-time',
                description: 'When, ISO 8601.',
              },
              deploymentRef: {
                type: 'string',
                description: 'For example a pipeline run URL.',
              },
            },
            required: ['by', 'at'],
            additionalProperties: false,
            description: 'The production deploy.',
          },
          postDeploymentVerified: {
            $ref: '#/components/schemas/YesNo',
          },
          verified: {
            allOf: [
              {
                $ref: '#/components/schemas/ChangeSignature',
              },
              {
                description: 'The post-deployment verification.',
              },
            ],
          },
          issuesEncountered: {
            type: 'string',
            description: 'Issues found after the deploy; empty for none.',
          },
          retrospectiveDueAt: {
            type: 'string',
            format: 'date-time',
            description:
              'Emergency only: exactly 48 hours after the production deploy.',
          },
          retrospective: {
            type: 'object',
            properties: {
              by: {
                type: 'string',
                description: 'Who did it (a user entity ref).',
              },
              at: {
                type: 'string',
                format: 'date-time',
                description: 'When, ISO 8601.',
              },
              whatChanged: {
                type: 'string',
              },
              why: {
                type: 'string',
              },
              approvalReceived: {
                type: 'string',
              },
              late: {
                type: 'boolean',
                description: 'Documented after the due time.',
              },
            },
            required: [
              'by',
              'at',
              'whatChanged',
              'why',
              'approvalReceived',
              'late',
            ],
            additionalProperties: false,
            description: "Emergency only: the author's retrospective.",
          },
          postDeploymentReview: {
            type: 'object',
            properties: {
              by: {
                type: 'string',
                description: 'Who did it (a user entity ref).',
              },
              at: {
                type: 'string',
                format: 'date-time',
                description: 'When, ISO 8601.',
              },
              preventable: {
                type: 'string',
                enum: ['yes', 'no'],
                description: 'Could the issue have been prevented?',
              },
              notes: {
                type: 'string',
              },
            },
            required: ['by', 'at', 'preventable', 'notes'],
            additionalProperties: false,
            description:
              "Emergency only: the CTO's review of the retrospective.",
          },
          exceptions: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ChangeException',
            },
            description: 'Exceptions to the normal workflow, for auditors.',
          },
          overdue: {
            type: 'boolean',
            description:
              'An emergency past its retrospective due time without a retrospective.',
          },
          plannedStart: {
            type: 'string',
            format: 'date-time',
            description: 'When the change is planned to start, inclusive.',
          },
          plannedEnd: {
            type: 'string',
            format: 'date-time',
            description: 'When the change is planned to end, exclusive.',
          },
        },
        required: [
          'id',
          'type',
          'state',
          'version',
          'title',
          'description',
          'risks',
          'testingNotes',
          'affectedEntityRefs',
          'affectedSystemRefs',
          'createdBy',
          'createdAt',
          'updatedAt',
          'exceptions',
          'overdue',
        ],
        additionalProperties: false,
        description:
          'One change: a row of the SOP change log with its workflow state.',
      },
      ChangeView: {
        type: 'object',
        properties: {
          id: {
            type: 'string',
            format: 'uuid',
            description: 'Assigned by the server.',
          },
          type: {
            $ref: '#/components/schemas/ChangeType',
          },
          state: {
            $ref: '#/components/schemas/ChangeState',
          },
          version: {
            type: 'integer',
            minimum: 1,
            description:
              'Increases with every accepted write; actions must send the last one seen.',
          },
          title: {
            type: 'string',
          },
          description: {
            type: 'string',
            description: 'What is being changed and why.',
          },
          risks: {
            type: 'string',
            description: 'Risks and potential side effects.',
          },
          testingNotes: {
            type: 'string',
            description: 'How the change was tested locally.',
          },
          pullRequestUrl: {
            type: 'string',
            format: 'uri',
          },
          incident: {
            allOf: [
              {
                $ref: '#/components/schemas/Incident',
              },
              {
                description: 'Emergency only.',
              },
            ],
          },
          proposedFix: {
            type: 'string',
            description: 'Emergency only: the fix proposed to the CTO.',
          },
          causedBy: {
            type: 'string',
            format: 'uuid',
            description:
              'Emergency only: the id of the change whose failure caused the incident.',
          },
          risk: {
            type: 'object',
            properties: {
              level: {
                type: 'string',
                enum: ['low', 'medium', 'high'],
              },
              score: {
                type: 'number',
                description: 'The sum of the reasons points.',
              },
              reasons: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    factor: {
                      type: 'string',
                      description:
                        'Which factor: blast-radius, criticality, lifecycle, history-failures, history-score, conflicts, freeze, near-freeze, working-hours, type, or an extra factor id.',
                    },
                    points: {
                      type: 'number',
                      description: 'What it adds to the score.',
                    },
                    message: {
                      type: 'string',
                      description: 'The reason in a sentence.',
                    },
                  },
                  required: ['factor', 'points', 'message'],
                  additionalProperties: false,
                },
                description: 'Highest points first.',
              },
              assessedAt: {
                type: 'string',
                format: 'date-time',
                description: 'When the server assessed it, ISO 8601.',
              },
            },
            required: ['level', 'score', 'reasons', 'assessedAt'],
            additionalProperties: false,
            description:
              'The risk as assessed when the change was raised, last edited or submitted; never recomputed on read.',
          },
          affectedEntityRefs: {
            type: 'array',
            items: {
              type: 'string',
            },
            description:
              'The entities the change touches (components, resources, systems, ...).',
          },
          affectedSystemRefs: {
            type: 'array',
            items: {
              type: 'string',
            },
            description:
              'The systems those entities belonged to when recorded.',
          },
          createdBy: {
            type: 'string',
            description:
              'The author: the user who raised the change (a user entity ref).',
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
            description: 'When the change was raised.',
          },
          updatedAt: {
            type: 'string',
            format: 'date-time',
            description: 'The last accepted write.',
          },
          reviewed: {
            allOf: [
              {
                $ref: '#/components/schemas/ChangeSignature',
              },
              {
                description: 'The peer review.',
              },
            ],
          },
          secondReviewed: {
            allOf: [
              {
                $ref: '#/components/schemas/ChangeSignature',
              },
              {
                description:
                  'Issue 24: the second peer review, by another engineer, where the twoPeerReviews policy binds the change (docs/workflow.md).',
              },
            ],
          },
          approved: {
            allOf: [
              {
                $ref: '#/components/schemas/ChangeSignature',
              },
              {
                description: 'The CTO approval.',
              },
            ],
          },
          signedOff: {
            allOf: [
              {
                $ref: '#/components/schemas/ChangeSignature',
              },
              {
                description: "The CTO's production sign-off.",
              },
            ],
          },
          stagingTested: {
            $ref: '#/components/schemas/StagingTested',
          },
          deployed: {
            type: 'object',
            properties: {
              by: {
                type: 'string',
                description: 'Who did it (a user entity ref).',
              },
              at: {
                type: 'string',
                format: 'date-time',
                description: 'When, ISO 8601.',
              },
              deploymentRef: {
                type: 'string',
                description: 'For example a pipeline run URL.',
              },
            },
            required: ['by', 'at'],
            additionalProperties: false,
            description: 'The production deploy.',
          },
          postDeploymentVerified: {
            $ref: '#/components/schemas/YesNo',
          },
          verified: {
            allOf: [
              {
                $ref: '#/components/schemas/ChangeSignature',
              },
              {
                description: 'The post-deployment verification.',
              },
            ],
          },
          issuesEncountered: {
            type: 'string',
            description: 'Issues found after the deploy; empty for none.',
          },
          retrospectiveDueAt: {
            type: 'string',
            format: 'date-time',
            description:
              'Emergency only: exactly 48 hours after the production deploy.',
          },
          retrospective: {
            type: 'object',
            properties: {
              by: {
                type: 'string',
                description: 'Who did it (a user entity ref).',
              },
              at: {
                type: 'string',
                format: 'date-time',
                description: 'When, ISO 8601.',
              },
              whatChanged: {
                type: 'string',
              },
              why: {
                type: 'string',
              },
              approvalReceived: {
                type: 'string',
              },
              late: {
                type: 'boolean',
                description: 'Documented after the due time.',
              },
            },
            required: [
              'by',
              'at',
              'whatChanged',
              'why',
              'approvalReceived',
              'late',
            ],
            additionalProperties: false,
            description: "Emergency only: the author's retrospective.",
          },
          postDeploymentReview: {
            type: 'object',
            properties: {
              by: {
                type: 'string',
                description: 'Who did it (a user entity ref).',
              },
              at: {
                type: 'string',
                format: 'date-time',
                description: 'When, ISO 8601.',
              },
              preventable: {
                type: 'string',
                enum: ['yes', 'no'],
                description: 'Could the issue have been prevented?',
              },
              notes: {
                type: 'string',
              },
            },
            required: ['by', 'at', 'preventable', 'notes'],
            additionalProperties: false,
            description:
              "Emergency only: the CTO's review of the retrospective.",
          },
          exceptions: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ChangeException',
            },
            description: 'Exceptions to the normal workflow, for auditors.',
          },
          overdue: {
            type: 'boolean',
            description:
              'An emergency past its retrospective due time without a retrospective.',
          },
          plannedStart: {
            type: 'string',
            format: 'date-time',
            description: 'When the change is planned to start, inclusive.',
          },
          plannedEnd: {
            type: 'string',
            format: 'date-time',
            description: 'When the change is planned to end, exclusive.',
          },
          allowedActions: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ChangeAction',
            },
            description: 'The actions the caller may take now.',
          },
          windowWarnings: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                reason: {
                  type: 'string',
                  enum: ['freeze', 'blackout', 'outside-working-hours'],
                },
                message: {
                  type: 'string',
                  description: 'The warning in a sentence.',
                },
              },
              required: ['reason', 'message'],
              additionalProperties: false,
            },
            description:
              'On create, edit and the change page: what to know of its planned window (freeze, blackout, working hours); a warning never refuses the draft.',
          },
          pullRequestWarnings: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                code: {
                  type: 'string',
                  enum: [
                    'repository-not-affected',
                    'not-merged',
                    'failing-checks',
                    'pending-checks',
                    'no-approval',
                    'commit-mismatch',
                  ],
                },
                message: {
                  type: 'string',
                },
              },
              required: ['code', 'message'],
              additionalProperties: false,
            },
            description:
              'On create and edit: what to know of the linked pull request, such as a repository none of the affected entities names; a warning never refuses the draft.',
          },
        },
        required: [
          'id',
          'type',
          'state',
          'version',
          'title',
          'description',
          'risks',
          'testingNotes',
          'affectedEntityRefs',
          'affectedSystemRefs',
          'createdBy',
          'createdAt',
          'updatedAt',
          'exceptions',
          'overdue',
          'allowedActions',
        ],
        additionalProperties: false,
        description: 'A change with the actions the caller may take now.',
      },
      SentBack: {
        type: 'object',
        properties: {
          action: {
            type: 'string',
            enum: ['request-changes', 'record-staging'],
          },
          by: {
            type: 'string',
            description: 'Who sent it back (a user entity ref).',
          },
          at: {
            type: 'string',
            format: 'date-time',
            description: 'When, ISO 8601.',
          },
          comment: {
            type: 'string',
          },
          failedChecks: {
            type: 'array',
            items: {
              type: 'string',
            },
            description: 'record-staging: the checks that failed.',
          },
        },
        required: ['action', 'by', 'at'],
        additionalProperties: false,
      },
      ChangeListItem: {
        type: 'object',
        properties: {
          id: {
            type: 'string',
            format: 'uuid',
            description: 'Assigned by the server.',
          },
          type: {
            $ref: '#/components/schemas/ChangeType',
          },
          state: {
            $ref: '#/components/schemas/ChangeState',
          },
          version: {
            type: 'integer',
            minimum: 1,
            description:
              'Increases with every accepted write; actions must send the last one seen.',
          },
          title: {
            type: 'string',
          },
          description: {
            type: 'string',
            description: 'What is being changed and why.',
          },
          risks: {
            type: 'string',
            description: 'Risks and potential side effects.',
          },
          testingNotes: {
            type: 'string',
            description: 'How the change was tested locally.',
          },
          pullRequestUrl: {
            type: 'string',
            format: 'uri',
          },
          incident: {
            allOf: [
              {
                $ref: '#/components/schemas/Incident',
              },
              {
                description: 'Emergency only.',
              },
            ],
          },
          proposedFix: {
            type: 'string',
            description: 'Emergency only: the fix proposed to the CTO.',
          },
          causedBy: {
            type: 'string',
            format: 'uuid',
            description:
              'Emergency only: the id of the change whose failure caused the incident.',
          },
          risk: {
            type: 'object',
            properties: {
              level: {
                type: 'string',
                enum: ['low', 'medium', 'high'],
              },
              score: {
                type: 'number',
                description: 'The sum of the reasons points.',
              },
              reasons: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    factor: {
                      type: 'string',
                      description:
                        'Which factor: blast-radius, criticality, lifecycle, history-failures, history-score, conflicts, freeze, near-freeze, working-hours, type, or an extra factor id.',
                    },
                    points: {
                      type: 'number',
                      description: 'What it adds to the score.',
                    },
                    message: {
                      type: 'string',
                      description: 'The reason in a sentence.',
                    },
                  },
                  required: ['factor', 'points', 'message'],
                  additionalProperties: false,
                },
                description: 'Highest points first.',
              },
              assessedAt: {
                type: 'string',
                format: 'date-time',
                description: 'When the server assessed it, ISO 8601.',
              },
            },
            required: ['level', 'score', 'reasons', 'assessedAt'],
            additionalProperties: false,
            description:
              'The risk as assessed when the change was raised, last edited or submitted; never recomputed on read.',
          },
          affectedEntityRefs: {
            type: 'array',
            items: {
              type: 'string',
            },
            description:
              'The entities the change touches (components, resources, systems, ...).',
          },
          affectedSystemRefs: {
            type: 'array',
            items: {
              type: 'string',
            },
            description:
              'The systems those entities belonged to when recorded.',
          },
          createdBy: {
            type: 'string',
            description:
              'The author: the user who raised the change (a user entity ref).',
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
            description: 'When the change was raised.',
          },
          updatedAt: {
            type: 'string',
            format: 'date-time',
            description: 'The last accepted write.',
          },
          reviewed: {
            allOf: [
              {
                $ref: '#/components/schemas/ChangeSignature',
              },
              {
                description: 'The peer review.',
              },
            ],
          },
          secondReviewed: {
            allOf: [
              {
                $ref: '#/components/schemas/ChangeSignature',
              },
              {
                description:
                  'Issue 24: the second peer review, by another engineer, where the twoPeerReviews policy binds the change (docs/workflow.md).',
              },
            ],
          },
          approved: {
            allOf: [
              {
                $ref: '#/components/schemas/ChangeSignature',
              },
              {
                description: 'The CTO approval.',
              },
            ],
          },
          signedOff: {
            allOf: [
              {
                $ref: '#/components/schemas/ChangeSignature',
              },
              {
                description: "The CTO's production sign-off.",
              },
            ],
          },
          stagingTested: {
            $ref: '#/components/schemas/StagingTested',
          },
          deployed: {
            type: 'object',
            properties: {
              by: {
                type: 'string',
                description: 'Who did it (a user entity ref).',
              },
              at: {
                type: 'string',
                format: 'date-time',
                description: 'When, ISO 8601.',
              },
              deploymentRef: {
                type: 'string',
                description: 'For example a pipeline run URL.',
              },
            },
            required: ['by', 'at'],
            additionalProperties: false,
            description: 'The production deploy.',
          },
          postDeploymentVerified: {
            $ref: '#/components/schemas/YesNo',
          },
          verified: {
            allOf: [
              {
                $ref: '#/components/schemas/ChangeSignature',
              },
              {
                description: 'The post-deployment verification.',
              },
            ],
          },
          issuesEncountered: {
            type: 'string',
            description: 'Issues found after the deploy; empty for none.',
          },
          retrospectiveDueAt: {
            type: 'string',
            format: 'date-time',
            description:
              'Emergency only: exactly 48 hours after the production deploy.',
          },
          retrospective: {
            type: 'object',
            properties: {
              by: {
                type: 'string',
                description: 'Who did it (a user entity ref).',
              },
              at: {
                type: 'string',
                format: 'date-time',
                description: 'When, ISO 8601.',
              },
              whatChanged: {
                type: 'string',
              },
              why: {
                type: 'string',
              },
              approvalReceived: {
                type: 'string',
              },
              late: {
                type: 'boolean',
                description: 'Documented after the due time.',
              },
            },
            required: [
              'by',
              'at',
              'whatChanged',
              'why',
              'approvalReceived',
              'late',
            ],
            additionalProperties: false,
            description: "Emergency only: the author's retrospective.",
          },
          postDeploymentReview: {
            type: 'object',
            properties: {
              by: {
                type: 'string',
                description: 'Who did it (a user entity ref).',
              },
              at: {
                type: 'string',
                format: 'date-time',
                description: 'When, ISO 8601.',
              },
              preventable: {
                type: 'string',
                enum: ['yes', 'no'],
                description: 'Could the issue have been prevented?',
              },
              notes: {
                type: 'string',
              },
            },
            required: ['by', 'at', 'preventable', 'notes'],
            additionalProperties: false,
            description:
              "Emergency only: the CTO's review of the retrospective.",
          },
          exceptions: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ChangeException',
            },
            description: 'Exceptions to the normal workflow, for auditors.',
          },
          overdue: {
            type: 'boolean',
            description:
              'An emergency past its retrospective due time without a retrospective.',
          },
          plannedStart: {
            type: 'string',
            format: 'date-time',
            description: 'When the change is planned to start, inclusive.',
          },
          plannedEnd: {
            type: 'string',
            format: 'date-time',
            description: 'When the change is planned to end, exclusive.',
          },
          sentBack: {
            allOf: [
              {
                $ref: '#/components/schemas/SentBack',
              },
              {
                description:
                  'A draft that was sent back: the event that did it.',
              },
            ],
          },
          pullRequestWarnings: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                code: {
                  type: 'string',
                  enum: [
                    'repository-not-affected',
                    'not-merged',
                    'failing-checks',
                    'pending-checks',
                    'no-approval',
                    'commit-mismatch',
                  ],
                },
                message: {
                  type: 'string',
                },
              },
              required: ['code', 'message'],
              additionalProperties: false,
            },
            description:
              'Where a module reads pull requests and one snapshot of the linked pull request is kept (read at the last review, approval, sign-off or deploy, or on refresh): what the CTO should know of it (not merged, failing or unfinished checks, no approval); empty when nothing. The list reads nothing of GitHub. Absent without a reader or a snapshot.',
          },
        },
        required: [
          'id',
          'type',
          'state',
          'version',
          'title',
          'description',
          'risks',
          'testingNotes',
          'affectedEntityRefs',
          'affectedSystemRefs',
          'createdBy',
          'createdAt',
          'updatedAt',
          'exceptions',
          'overdue',
        ],
        additionalProperties: false,
        description: 'A change in a list; a draft sent back also says why.',
      },
      ChangeList: {
        type: 'object',
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ChangeListItem',
            },
          },
          nextCursor: {
            type: 'string',
            description:
              'Pass as `cursor` for the next page; absent on the last.',
          },
        },
        required: ['items'],
        additionalProperties: false,
      },
      ChangeDraft: {
        type: 'object',
        properties: {
          type: {
            $ref: '#/components/schemas/ChangeType',
          },
          title: {
            type: 'string',
            minLength: 1,
            maxLength: 200,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
          },
          description: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
            default: '',
            description: 'What is being changed and why.',
          },
          risks: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
            default: '',
            description: 'Risks and potential side effects.',
          },
          testingNotes: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
            default: '',
            description: 'How the change was tested locally.',
          },
          pullRequestUrl: {
            type: 'string',
            maxLength: 2000,
            format: 'uri',
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
            description: 'Required to submit a standard change.',
          },
          incident: {
            allOf: [
              {
                $ref: '#/components/schemas/Incident',
              },
              {
                description: 'Required to submit an emergency.',
              },
            ],
          },
          proposedFix: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
            description: 'Required to submit an emergency.',
          },
          causedBy: {
            type: 'string',
            format: 'uuid',
            description:
              'Emergency only: the id of the change whose failure caused the incident; it must have been raised before the emergency.',
          },
          affectedEntityRefs: {
            type: 'array',
            items: {
              type: 'string',
              maxLength: 255,
              pattern:
                '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
            },
            maxItems: 50,
            description:
              'Entity refs that must exist in the catalog and be visible to the caller.',
          },
          plannedStart: {
            type: 'string',
            format: 'date-time',
            description:
              'When the change is planned to start, inclusive; sent with plannedEnd.',
          },
          plannedEnd: {
            type: 'string',
            format: 'date-time',
            description:
              'When the change is planned to end, exclusive; after plannedStart.',
          },
        },
        required: ['type', 'title', 'affectedEntityRefs'],
        additionalProperties: false,
        description:
          'The editable fields of a change. A draft may be incomplete; `submit` checks completeness. The author is always the caller.',
      },
      ChangeEdit: {
        type: 'object',
        properties: {
          type: {
            allOf: [
              {
                $ref: '#/components/schemas/ChangeType',
              },
              {
                description:
                  'May be sent, but must stay the type of the change.',
              },
            ],
          },
          title: {
            type: 'string',
            minLength: 1,
            maxLength: 200,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
          },
          description: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
            default: '',
            description: 'What is being changed and why.',
          },
          risks: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
            default: '',
            description: 'Risks and potential side effects.',
          },
          testingNotes: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
            default: '',
            description: 'How the change was tested locally.',
          },
          pullRequestUrl: {
            type: 'string',
            maxLength: 2000,
            format: 'uri',
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
            description: 'Required to submit a standard change.',
          },
          incident: {
            allOf: [
              {
                $ref: '#/components/schemas/Incident',
              },
              {
                description: 'Required to submit an emergency.',
              },
            ],
          },
          proposedFix: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
            description: 'Required to submit an emergency.',
          },
          causedBy: {
            type: 'string',
            format: 'uuid',
            description:
              'Emergency only: the id of the change whose failure caused the incident; it must have been raised before the emergency.',
          },
          affectedEntityRefs: {
            type: 'array',
            items: {
              type: 'string',
              maxLength: 255,
              pattern:
                '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
            },
            maxItems: 50,
            description:
              'Entity refs that must exist in the catalog and be visible to the caller.',
          },
          plannedStart: {
            type: 'string',
            format: 'date-time',
            description:
              'When the change is planned to start, inclusive; sent with plannedEnd.',
          },
          plannedEnd: {
            type: 'string',
            format: 'date-time',
            description:
              'When the change is planned to end, exclusive; after plannedStart.',
          },
          version: {
            type: 'integer',
            minimum: 1,
            description:
              'The version of the change the client last saw; a stale one is refused with 409.',
          },
        },
        required: ['title', 'affectedEntityRefs', 'version'],
        additionalProperties: false,
        description:
          'The whole draft again, with the version the client last saw.',
      },
      EditActionRequest: {
        type: 'object',
        properties: {
          action: {
            type: 'string',
            enum: ['edit'],
          },
          version: {
            type: 'integer',
            minimum: 1,
            description:
              'The version of the change the client last saw; a stale one is refused with 409.',
          },
          type: {
            allOf: [
              {
                $ref: '#/components/schemas/ChangeType',
              },
              {
                description:
                  'May be sent, but must stay the type of the change.',
              },
            ],
          },
          title: {
            type: 'string',
            minLength: 1,
            maxLength: 200,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
          },
          description: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
            default: '',
            description: 'What is being changed and why.',
          },
          risks: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
            default: '',
            description: 'Risks and potential side effects.',
          },
          testingNotes: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
            default: '',
            description: 'How the change was tested locally.',
          },
          pullRequestUrl: {
            type: 'string',
            maxLength: 2000,
            format: 'uri',
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
            description: 'Required to submit a standard change.',
          },
          incident: {
            allOf: [
              {
                $ref: '#/components/schemas/Incident',
              },
              {
                description: 'Required to submit an emergency.',
              },
            ],
          },
          proposedFix: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
            description: 'Required to submit an emergency.',
          },
          causedBy: {
            type: 'string',
            format: 'uuid',
            description:
              'Emergency only: the id of the change whose failure caused the incident; it must have been raised before the emergency.',
          },
          affectedEntityRefs: {
            type: 'array',
            items: {
              type: 'string',
              maxLength: 255,
              pattern:
                '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
            },
            maxItems: 50,
            description:
              'Entity refs that must exist in the catalog and be visible to the caller.',
          },
          plannedStart: {
            type: 'string',
            format: 'date-time',
            description:
              'When the change is planned to start, inclusive; sent with plannedEnd.',
          },
          plannedEnd: {
            type: 'string',
            format: 'date-time',
            description:
              'When the change is planned to end, exclusive; after plannedStart.',
          },
        },
        required: ['action', 'version', 'title', 'affectedEntityRefs'],
        additionalProperties: false,
      },
      SubmitActionRequest: {
        type: 'object',
        properties: {
          action: {
            type: 'string',
            enum: ['submit'],
          },
          version: {
            type: 'integer',
            minimum: 1,
            description:
              'The version of the change the client last saw; a stale one is refused with 409.',
          },
        },
        required: ['action', 'version'],
        additionalProperties: false,
      },
      ReviewActionRequest: {
        type: 'object',
        properties: {
          action: {
            type: 'string',
            enum: ['review'],
          },
          version: {
            type: 'integer',
            minimum: 1,
            description:
              'The version of the change the client last saw; a stale one is refused with 409.',
          },
          comment: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
          },
        },
        required: ['action', 'version'],
        additionalProperties: false,
      },
      RequestChangesActionRequest: {
        type: 'object',
        properties: {
          action: {
            type: 'string',
            enum: ['request-changes'],
          },
          version: {
            type: 'integer',
            minimum: 1,
            description:
              'The version of the change the client last saw; a stale one is refused with 409.',
          },
          comment: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
          },
        },
        required: ['action', 'version', 'comment'],
        additionalProperties: false,
      },
      WaiveReviewActionRequest: {
        type: 'object',
        properties: {
          action: {
            type: 'string',
            enum: ['waive-review'],
          },
          version: {
            type: 'integer',
            minimum: 1,
            description:
              'The version of the change the client last saw; a stale one is refused with 409.',
          },
          reason: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
          },
        },
        required: ['action', 'version', 'reason'],
        additionalProperties: false,
      },
      ReturnToReviewActionRequest: {
        type: 'object',
        properties: {
          action: {
            type: 'string',
            enum: ['return-to-review'],
          },
          version: {
            type: 'integer',
            minimum: 1,
            description:
              'The version of the change the client last saw; a stale one is refused with 409.',
          },
          comment: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
          },
        },
        required: ['action', 'version'],
        additionalProperties: false,
      },
      ApproveActionRequest: {
        type: 'object',
        properties: {
          action: {
            type: 'string',
            enum: ['approve'],
          },
          version: {
            type: 'integer',
            minimum: 1,
            description:
              'The version of the change the client last saw; a stale one is refused with 409.',
          },
          comment: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
          },
        },
        required: ['action', 'version'],
        additionalProperties: false,
      },
      RejectActionRequest: {
        type: 'object',
        properties: {
          action: {
            type: 'string',
            enum: ['reject'],
          },
          version: {
            type: 'integer',
            minimum: 1,
            description:
              'The version of the change the client last saw; a stale one is refused with 409.',
          },
          comment: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
          },
        },
        required: ['action', 'version', 'comment'],
        additionalProperties: false,
      },
      RecordStagingActionRequest: {
        type: 'object',
        properties: {
          action: {
            type: 'string',
            enum: ['record-staging'],
          },
          version: {
            type: 'integer',
            minimum: 1,
            description:
              'The version of the change the client last saw; a stale one is refused with 409.',
          },
          functionalTested: {
            type: 'boolean',
          },
          regressionChecked: {
            type: 'boolean',
          },
          noUnexpectedSideEffects: {
            type: 'boolean',
          },
          stagingTested: {
            $ref: '#/components/schemas/StagingTested',
          },
          comment: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
          },
        },
        required: [
          'action',
          'version',
          'functionalTested',
          'regressionChecked',
          'noUnexpectedSideEffects',
          'stagingTested',
        ],
        additionalProperties: false,
      },
      SignOffActionRequest: {
        type: 'object',
        properties: {
          action: {
            type: 'string',
            enum: ['sign-off'],
          },
          version: {
            type: 'integer',
            minimum: 1,
            description:
              'The version of the change the client last saw; a stale one is refused with 409.',
          },
          comment: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
          },
        },
        required: ['action', 'version'],
        additionalProperties: false,
      },
      DeployActionRequest: {
        type: 'object',
        properties: {
          action: {
            type: 'string',
            enum: ['deploy'],
          },
          version: {
            type: 'integer',
            minimum: 1,
            description:
              'The version of the change the client last saw; a stale one is refused with 409.',
          },
          deploymentRef: {
            type: 'string',
            maxLength: 2000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
            description: 'For example a pipeline run URL.',
          },
          commitSha: {
            type: 'string',
            maxLength: 100,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
            description: 'The commit deployed, as a pipeline records it.',
          },
          comment: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
          },
        },
        required: ['action', 'version'],
        additionalProperties: false,
      },
      VerifyActionRequest: {
        type: 'object',
        properties: {
          action: {
            type: 'string',
            enum: ['verify'],
          },
          version: {
            type: 'integer',
            minimum: 1,
            description:
              'The version of the change the client last saw; a stale one is refused with 409.',
          },
          postDeploymentVerified: {
            type: 'string',
            enum: ['yes', 'no'],
          },
          issuesEncountered: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
            description: 'Free text; an empty string for none.',
          },
        },
        required: [
          'action',
          'version',
          'postDeploymentVerified',
          'issuesEncountered',
        ],
        additionalProperties: false,
      },
      RollBackActionRequest: {
        type: 'object',
        properties: {
          action: {
            type: 'string',
            enum: ['roll-back'],
          },
          version: {
            type: 'integer',
            minimum: 1,
            description:
              'The version of the change the client last saw; a stale one is refused with 409.',
          },
          reason: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
          },
        },
        required: ['action', 'version', 'reason'],
        additionalProperties: false,
      },
      DocumentRetrospectiveActionRequest: {
        type: 'object',
        properties: {
          action: {
            type: 'string',
            enum: ['document-retrospective'],
          },
          version: {
            type: 'integer',
            minimum: 1,
            description:
              'The version of the change the client last saw; a stale one is refused with 409.',
          },
          whatChanged: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
          },
          why: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
          },
          approvalReceived: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
          },
        },
        required: [
          'action',
          'version',
          'whatChanged',
          'why',
          'approvalReceived',
        ],
        additionalProperties: false,
      },
      CompleteReviewActionRequest: {
        type: 'object',
        properties: {
          action: {
            type: 'string',
            enum: ['complete-review'],
          },
          version: {
            type: 'integer',
            minimum: 1,
            description:
              'The version of the change the client last saw; a stale one is refused with 409.',
          },
          preventable: {
            type: 'string',
            enum: ['yes', 'no'],
          },
          notes: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
          },
        },
        required: ['action', 'version', 'preventable', 'notes'],
        additionalProperties: false,
      },
      CancelActionRequest: {
        type: 'object',
        properties: {
          action: {
            type: 'string',
            enum: ['cancel'],
          },
          version: {
            type: 'integer',
            minimum: 1,
            description:
              'The version of the change the client last saw; a stale one is refused with 409.',
          },
          reason: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
          },
        },
        required: ['action', 'version', 'reason'],
        additionalProperties: false,
      },
      ActionRequest: {
        oneOf: [
          {
            $ref: '#/components/schemas/EditActionRequest',
          },
          {
            $ref: '#/components/schemas/SubmitActionRequest',
          },
          {
            $ref: '#/components/schemas/ReviewActionRequest',
          },
          {
            $ref: '#/components/schemas/RequestChangesActionRequest',
          },
          {
            $ref: '#/components/schemas/WaiveReviewActionRequest',
          },
          {
            $ref: '#/components/schemas/ReturnToReviewActionRequest',
          },
          {
            $ref: '#/components/schemas/ApproveActionRequest',
          },
          {
            $ref: '#/components/schemas/RejectActionRequest',
          },
          {
            $ref: '#/components/schemas/RecordStagingActionRequest',
          },
          {
            $ref: '#/components/schemas/SignOffActionRequest',
          },
          {
            $ref: '#/components/schemas/DeployActionRequest',
          },
          {
            $ref: '#/components/schemas/VerifyActionRequest',
          },
          {
            $ref: '#/components/schemas/RollBackActionRequest',
          },
          {
            $ref: '#/components/schemas/DocumentRetrospectiveActionRequest',
          },
          {
            $ref: '#/components/schemas/CompleteReviewActionRequest',
          },
          {
            $ref: '#/components/schemas/CancelActionRequest',
          },
        ],
        discriminator: {
          propertyName: 'action',
          mapping: {
            edit: '#/components/schemas/EditActionRequest',
            submit: '#/components/schemas/SubmitActionRequest',
            review: '#/components/schemas/ReviewActionRequest',
            'request-changes':
              '#/components/schemas/RequestChangesActionRequest',
            'waive-review': '#/components/schemas/WaiveReviewActionRequest',
            'return-to-review':
              '#/components/schemas/ReturnToReviewActionRequest',
            approve: '#/components/schemas/ApproveActionRequest',
            reject: '#/components/schemas/RejectActionRequest',
            'record-staging': '#/components/schemas/RecordStagingActionRequest',
            'sign-off': '#/components/schemas/SignOffActionRequest',
            deploy: '#/components/schemas/DeployActionRequest',
            verify: '#/components/schemas/VerifyActionRequest',
            'roll-back': '#/components/schemas/RollBackActionRequest',
            'document-retrospective':
              '#/components/schemas/DocumentRetrospectiveActionRequest',
            'complete-review':
              '#/components/schemas/CompleteReviewActionRequest',
            cancel: '#/components/schemas/CancelActionRequest',
          },
        },
      },
      FreezeWindow: {
        type: 'object',
        properties: {
          start: {
            type: 'string',
            format: 'date-time',
            description: 'Inclusive, midnight in the calendar time zone.',
          },
          end: {
            type: 'string',
            format: 'date-time',
            description: 'Exclusive, midnight in the calendar time zone.',
          },
        },
        required: ['start', 'end'],
        additionalProperties: false,
      },
      Blackout: {
        type: 'object',
        properties: {
          entityRef: {
            type: 'string',
            description:
              'The System or Domain it is declared on; its parts inherit it.',
          },
          start: {
            type: 'string',
            format: 'date-time',
            description: 'Inclusive.',
          },
          end: {
            type: 'string',
            format: 'date-time',
            description: 'Exclusive.',
          },
          reason: {
            type: 'string',
          },
        },
        required: ['entityRef', 'start', 'end', 'reason'],
        additionalProperties: false,
      },
      FreezeStatus: {
        type: 'object',
        properties: {
          frozen: {
            type: 'boolean',
          },
          timeZone: {
            type: 'string',
            description: 'The IANA zone of the freeze calendar.',
          },
          window: {
            allOf: [
              {
                $ref: '#/components/schemas/FreezeWindow',
              },
              {
                description:
                  'The window that applies at that time, when frozen.',
              },
            ],
          },
          blackouts: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Blackout',
            },
            description:
              'With `entityRef`: the blackouts of that entity, its System and Domain, at that time.',
          },
          lockdowns: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: {
                  type: 'string',
                  format: 'uuid',
                },
                entityRef: {
                  type: 'string',
                  description:
                    'The System or Domain it covers, with their parts; absent for everything.',
                },
                reason: {
                  type: 'string',
                },
                start: {
                  type: 'string',
                  format: 'date-time',
                  description: 'Inclusive.',
                },
                end: {
                  type: 'string',
                  format: 'date-time',
                  description: 'Exclusive; absent until lifted.',
                },
                declaredBy: {
                  type: 'string',
                },
                declaredAt: {
                  type: 'string',
                  format: 'date-time',
                  description: 'When it was declared.',
                },
                liftedBy: {
                  type: 'string',
                },
                liftedAt: {
                  type: 'string',
                  format: 'date-time',
                  description: 'When the CTO lifted it; it ends there.',
                },
              },
              required: ['id', 'reason', 'start', 'declaredBy', 'declaredAt'],
              additionalProperties: false,
            },
            description:
              'Issue 24: the lockdowns the CTO declared that cover it at that time.',
          },
        },
        required: ['frozen', 'timeZone'],
        additionalProperties: false,
      },
      GateAnswer: {
        type: 'object',
        properties: {
          allowed: {
            type: 'boolean',
          },
          reasons: {
            type: 'array',
            items: {
              type: 'string',
            },
            description:
              'Why not; or, for an emergency, the override it relies on.',
          },
          final: {
            type: 'boolean',
            description:
              'The gate can never open for this change there (finished, or past the deploy): stop waiting.',
          },
          change: {
            type: 'object',
            properties: {
              id: {
                type: 'string',
                format: 'uuid',
              },
              type: {
                $ref: '#/components/schemas/ChangeType',
              },
              state: {
                $ref: '#/components/schemas/ChangeState',
              },
              version: {
                type: 'integer',
              },
            },
            required: ['id', 'type', 'state', 'version'],
            additionalProperties: false,
          },
          freeze: {
            allOf: [
              {
                $ref: '#/components/schemas/FreezeStatus',
              },
              {
                description:
                  'For production: the freeze and the blackouts that apply.',
              },
            ],
          },
        },
        required: ['allowed', 'reasons', 'final', 'change'],
        additionalProperties: false,
      },
      ChangeEventFields: {
        type: 'object',
        properties: {
          type: {
            allOf: [
              {
                $ref: '#/components/schemas/ChangeType',
              },
              {
                description:
                  'May be sent, but must stay the type of the change.',
              },
            ],
          },
          title: {
            type: 'string',
            minLength: 1,
            maxLength: 200,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
          },
          description: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
          },
          risks: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
          },
          testingNotes: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
          },
          pullRequestUrl: {
            type: 'string',
            maxLength: 2000,
            format: 'uri',
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
            description: 'Required to submit a standard change.',
          },
          incident: {
            allOf: [
              {
                $ref: '#/components/schemas/Incident',
              },
              {
                description: 'Required to submit an emergency.',
              },
            ],
          },
          proposedFix: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
            description: 'Required to submit an emergency.',
          },
          causedBy: {
            type: 'string',
            format: 'uuid',
            description:
              'Emergency only: the id of the change whose failure caused the incident; it must have been raised before the emergency.',
          },
          affectedEntityRefs: {
            type: 'array',
            items: {
              type: 'string',
              maxLength: 255,
              pattern:
                '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
            },
            maxItems: 50,
            description:
              'Entity refs that must exist in the catalog and be visible to the caller.',
          },
          plannedStart: {
            type: 'string',
            format: 'date-time',
            description:
              'When the change is planned to start, inclusive; sent with plannedEnd.',
          },
          plannedEnd: {
            type: 'string',
            format: 'date-time',
            description:
              'When the change is planned to end, exclusive; after plannedStart.',
          },
          comment: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
          },
          reason: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
          },
          functionalTested: {
            type: 'boolean',
          },
          regressionChecked: {
            type: 'boolean',
          },
          noUnexpectedSideEffects: {
            type: 'boolean',
          },
          stagingTested: {
            $ref: '#/components/schemas/StagingTested',
          },
          deploymentRef: {
            type: 'string',
            maxLength: 2000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
            description: 'For example a pipeline run URL.',
          },
          commitSha: {
            type: 'string',
            maxLength: 100,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
            description: 'The commit deployed, as a pipeline records it.',
          },
          postDeploymentVerified: {
            type: 'string',
            enum: ['yes', 'no'],
          },
          issuesEncountered: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
            description: 'Free text; an empty string for none.',
          },
          whatChanged: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
          },
          why: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
          },
          approvalReceived: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
          },
          preventable: {
            type: 'string',
            enum: ['yes', 'no'],
          },
          notes: {
            type: 'string',
            maxLength: 20000,
            pattern:
              '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
          },
          failedChecks: {
            type: 'array',
            items: {
              type: 'string',
            },
            description:
              'record-staging: the checks that failed, back to draft.',
          },
          freezeOverride: {
            type: 'boolean',
            enum: [true],
            description: 'deploy: an emergency deployed during a freeze.',
          },
          freezeWindow: {
            type: 'object',
            properties: {
              start: {
                type: 'string',
                format: 'date-time',
                description: 'Inclusive, midnight in the calendar time zone.',
              },
              end: {
                type: 'string',
                format: 'date-time',
                description: 'Exclusive, midnight in the calendar time zone.',
              },
              timeZone: {
                type: 'string',
                description: 'The IANA zone of the freeze calendar.',
              },
              entityRef: {
                type: 'string',
                description:
                  'For a blackout: the System or Domain it is declared on.',
              },
              reason: {
                type: 'string',
                description: 'For a blackout or lockdown: why.',
              },
              lockdownId: {
                type: 'string',
                description:
                  'For a lockdown the CTO declared (issue 24): its id.',
              },
            },
            required: ['start', 'end', 'timeZone'],
            additionalProperties: false,
            description: 'deploy: the freeze the emergency deployed in.',
          },
          approvalReliedOn: {
            type: 'object',
            properties: {
              by: {
                type: 'string',
                description: 'Who did it (a user entity ref).',
              },
              at: {
                type: 'string',
                format: 'date-time',
                description: 'When, ISO 8601.',
              },
            },
            required: ['by', 'at'],
            additionalProperties: false,
            description:
              'deploy: the CTO approval a freeze override relied on.',
          },
          exceptions: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ChangeException',
            },
            description: 'Exceptions the action added to the record.',
          },
          risk: {
            type: 'object',
            properties: {
              level: {
                type: 'string',
                enum: ['low', 'medium', 'high'],
              },
              score: {
                type: 'number',
                description: 'The sum of the reasons points.',
              },
              reasons: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    factor: {
                      type: 'string',
                      description:
                        'Which factor: blast-radius, criticality, lifecycle, history-failures, history-score, conflicts, freeze, near-freeze, working-hours, type, or an extra factor id.',
                    },
                    points: {
                      type: 'number',
                      description: 'What it adds to the score.',
                    },
                    message: {
                      type: 'string',
                      description: 'The reason in a sentence.',
                    },
                  },
                  required: ['factor', 'points', 'message'],
                  additionalProperties: false,
                },
                description: 'Highest points first.',
              },
              assessedAt: {
                type: 'string',
                format: 'date-time',
                description: 'When the server assessed it, ISO 8601.',
              },
            },
            required: ['level', 'score', 'reasons', 'assessedAt'],
            additionalProperties: false,
            description:
              'create, edit, submit: the risk assessed and stored; approve, sign-off: the stored risk the CTO saw.',
          },
          pullRequest: {
            type: 'object',
            properties: {
              url: {
                type: 'string',
              },
              repository: {
                type: 'string',
                description: 'owner/name',
              },
              number: {
                type: 'integer',
              },
              title: {
                type: 'string',
              },
              state: {
                type: 'string',
                enum: ['open', 'merged', 'closed'],
              },
              author: {
                type: 'string',
                description: "The author's login on the code host.",
              },
              headSha: {
                type: 'string',
              },
              mergeSha: {
                type: ['string', 'null'],
                description: 'The merge commit; null unless merged.',
              },
              mergedAt: {
                type: ['string', 'null'],
                format: 'date-time',
                description: 'When it was merged.',
              },
              approvals: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    reviewer: {
                      type: 'string',
                      description: "The reviewer's login on the code host.",
                    },
                    at: {
                      type: 'string',
                      format: 'date-time',
                      description: 'When the approving review was submitted.',
                    },
                  },
                  required: ['reviewer', 'at'],
                  additionalProperties: false,
                },
                description:
                  "Each reviewer's latest review, where it approves; the author's own reviews do not count.",
              },
              checks: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    name: {
                      type: 'string',
                    },
                    status: {
                      type: 'string',
                      description:
                        'queued, in_progress or completed, as the code host says.',
                    },
                    conclusion: {
                      type: ['string', 'null'],
                      description:
                        'success, failure, neutral, … ; null until completed.',
                    },
                    at: {
                      type: ['string', 'null'],
                      format: 'date-time',
                      description: 'When it completed, or else started.',
                    },
                  },
                  required: ['name', 'status', 'conclusion', 'at'],
                  additionalProperties: false,
                },
                description: 'The check runs on the head commit.',
              },
              readAt: {
                type: 'string',
                format: 'date-time',
                description: 'When the snapshot was read.',
              },
            },
            required: [
              'url',
              'repository',
              'number',
              'title',
              'state',
              'author',
              'headSha',
              'mergeSha',
              'mergedAt',
              'approvals',
              'checks',
              'readAt',
            ],
            additionalProperties: false,
            description:
              'review, approve, sign-off, deploy: the linked pull request as it was when the action was taken.',
          },
          clock: {
            type: 'string',
            enum: ['retrospective', 'verification'],
            description:
              'reminder-sent, retrospective-overdue, verification-overdue: the deadline watched.',
          },
          threshold: {
            type: 'string',
            enum: ['reminder', 'overdue'],
            description:
              'reminder-sent, retrospective-overdue, verification-overdue: a reminder before the deadline, or the deadline itself.',
          },
          dueAt: {
            type: 'string',
            format: 'date-time',
            description:
              'reminder-sent, retrospective-overdue, verification-overdue: the deadline, ISO 8601.',
          },
          notified: {
            type: 'array',
            items: {
              type: 'string',
            },
            description:
              'reminder-sent, retrospective-overdue, verification-overdue: the user entity refs the plugin notified.',
          },
        },
        additionalProperties: false,
      },
      ChangeEvent: {
        type: 'object',
        properties: {
          id: {
            type: 'string',
            format: 'uuid',
          },
          changeId: {
            type: 'string',
            format: 'uuid',
          },
          seq: {
            type: 'integer',
            minimum: 1,
            description:
              'The position in the whole audit trail, across changes.',
          },
          action: {
            type: 'string',
            enum: [
              'create',
              'edit',
              'submit',
              'review',
              'request-changes',
              'waive-review',
              'return-to-review',
              'approve',
              'reject',
              'record-staging',
              'sign-off',
              'deploy',
              'verify',
              'roll-back',
              'document-retrospective',
              'complete-review',
              'cancel',
              'reminder-sent',
              'retrospective-overdue',
              'verification-overdue',
            ],
            description:
              '`create`, the workflow action taken, or what the plugin recorded itself (a reminder, an escalation).',
          },
          fromState: {
            allOf: [
              {
                $ref: '#/components/schemas/ChangeState',
              },
              {
                description: 'Absent on create.',
              },
            ],
          },
          toState: {
            $ref: '#/components/schemas/ChangeState',
          },
          actor: {
            type: 'string',
            description:
              'The user entity ref, from the credentials, never a body.',
          },
          at: {
            type: 'string',
            format: 'date-time',
            description: 'Server time, ISO 8601.',
          },
          comment: {
            type: 'string',
          },
          fields: {
            $ref: '#/components/schemas/ChangeEventFields',
          },
          previousHash: {
            type: 'string',
            pattern: '^[0-9a-f]{64}$',
            description: 'The hash of the event before, across changes.',
          },
          hash: {
            type: 'string',
            pattern: '^[0-9a-f]{64}$',
            description:
              'sha256(previousHash + canonical JSON of the event), hex.',
          },
        },
        required: [
          'id',
          'changeId',
          'seq',
          'action',
          'toState',
          'actor',
          'at',
          'fields',
          'previousHash',
          'hash',
        ],
        additionalProperties: false,
      },
      ChangeEventList: {
        type: 'object',
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ChangeEvent',
            },
          },
        },
        required: ['items'],
        additionalProperties: false,
      },
      ChainHead: {
        type: 'object',
        properties: {
          eventId: {
            type: 'string',
          },
          hash: {
            type: 'string',
            pattern: '^[0-9a-f]{64}$',
            description: 'The hash of that event.',
          },
          at: {
            type: 'string',
            format: 'date-time',
            description: 'When that event was recorded.',
          },
        },
        required: ['eventId', 'hash', 'at'],
        additionalProperties: false,
      },
      AuditVerification: {
        type: 'object',
        properties: {
          ok: {
            type: 'boolean',
          },
          checked: {
            type: 'integer',
            minimum: 0,
            description: 'How many events matched before the first bad one.',
          },
          firstBadEventId: {
            type: 'string',
            description:
              'The first event that does not match: its hash, its link to the one before, a checkpoint, or (when the newest events were removed) the missing newest event.',
          },
          badChangeId: {
            type: 'string',
            description:
              'The first change whose row differs from what its events replay to.',
          },
          problem: {
            type: 'string',
            description: 'What is wrong, in words, when `ok` is false.',
          },
          head: {
            allOf: [
              {
                $ref: '#/components/schemas/ChainHead',
              },
              {
                description:
                  'The newest event of the chain; absent when there is none.',
              },
            ],
          },
        },
        required: ['ok', 'checked'],
        additionalProperties: false,
      },
      ChainCheckpoint: {
        type: 'object',
        properties: {
          eventId: {
            type: 'string',
          },
          hash: {
            type: 'string',
            pattern: '^[0-9a-f]{64}$',
            description: 'The hash of that event.',
          },
          at: {
            type: 'string',
            format: 'date-time',
            description: 'When that event was recorded.',
          },
          seq: {
            type: 'integer',
            minimum: 1,
            description: 'The seq of that event.',
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
            description: 'When the checkpoint was taken.',
          },
          signature: {
            type: 'string',
            description:
              'The Ed25519 signature of the checkpoint (its text, as checkpointSignedText writes it), base64; absent when no signing key was set.',
          },
          keyFingerprint: {
            type: 'string',
            pattern: '^[0-9a-f]{64}$',
            description:
              'sha256 of the public key that verifies the signature (its DER SubjectPublicKeyInfo), hex.',
          },
        },
        required: ['eventId', 'hash', 'at', 'seq', 'createdAt'],
        additionalProperties: false,
      },
      ChainCheckpointList: {
        type: 'object',
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ChainCheckpoint',
            },
          },
        },
        required: ['items'],
        additionalProperties: false,
      },
      ChangeLogRow: {
        type: 'object',
        properties: {
          id: {
            type: 'string',
            format: 'uuid',
          },
          date: {
            type: 'string',
            format: 'date-time',
            description: 'When the change was raised.',
          },
          changeType: {
            type: 'string',
            enum: ['Standard', 'Emergency', 'Infrastructure'],
          },
          description: {
            type: 'string',
            description: '"<title>: <description>".',
          },
          systemsAffected: {
            type: 'string',
            description:
              'The systems, then the entity refs, separated by spaces.',
          },
          raisedBy: {
            type: 'string',
            description: 'The author, a user entity ref.',
          },
          reviewedBy: {
            type: 'string',
            description:
              'The peer review: "<user ref> at <ISO time>", or empty.',
          },
          ctoApproval: {
            type: 'string',
            description:
              'The approval and the production sign-off, separated by "; ", or empty.',
          },
          stagingTested: {
            type: 'string',
            enum: ['Yes', 'No', 'N/A', ''],
            description: 'N/A for an emergency; empty before staging.',
          },
          deployedToProduction: {
            type: 'string',
            description:
              'The production deploy: "<user ref> at <ISO time>", or empty.',
          },
          postDeploymentVerified: {
            type: 'string',
            enum: ['Yes', 'No', ''],
          },
          issuesEncountered: {
            type: 'string',
          },
          state: {
            $ref: '#/components/schemas/ChangeState',
          },
          incident: {
            type: 'string',
            description: 'Emergency only: "<ref> (<severity>)", or empty.',
          },
          retrospective: {
            type: 'string',
            description:
              'Emergency only: documented, due or overdue, or empty.',
          },
          exceptions: {
            type: 'string',
            description:
              '"<kind>: <detail>" for each exception, separated by "; ".',
          },
          raisedByName: {
            type: 'string',
            description:
              'The author: the display name from the catalog, or empty.',
          },
          reviewer: {
            type: 'string',
            description: 'The peer reviewer: a user entity ref, or empty.',
          },
          reviewerName: {
            type: 'string',
            description:
              'The peer reviewer: the display name from the catalog, or empty.',
          },
          reviewedAt: {
            type: 'string',
            description: 'The peer review: an ISO 8601 time, or empty.',
          },
          approver: {
            type: 'string',
            description: 'The CTO who approved: a user entity ref, or empty.',
          },
          approverName: {
            type: 'string',
            description:
              'The CTO who approved: the display name from the catalog, or empty.',
          },
          approvedAt: {
            type: 'string',
            description: 'The approval: an ISO 8601 time, or empty.',
          },
          signedOffBy: {
            type: 'string',
            description:
              'The CTO who signed off for production: a user entity ref, or empty.',
          },
          signedOffByName: {
            type: 'string',
            description:
              'The CTO who signed off for production: the display name from the catalog, or empty.',
          },
          signedOffAt: {
            type: 'string',
            description: 'The production sign-off: an ISO 8601 time, or empty.',
          },
          deployer: {
            type: 'string',
            description:
              'Who deployed to production: a user entity ref, or empty.',
          },
          deployerName: {
            type: 'string',
            description:
              'Who deployed to production: the display name from the catalog, or empty.',
          },
          deployedAt: {
            type: 'string',
            description: 'The production deploy: an ISO 8601 time, or empty.',
          },
          deploymentRef: {
            type: 'string',
            description: 'The CI run or release, or empty.',
          },
          verifier: {
            type: 'string',
            description:
              'Who verified after the deploy: a user entity ref, or empty.',
          },
          verifierName: {
            type: 'string',
            description:
              'Who verified after the deploy: the display name from the catalog, or empty.',
          },
          verifiedAt: {
            type: 'string',
            description:
              'The post-deployment verification: an ISO 8601 time, or empty.',
          },
          systemsAffectedNames: {
            type: 'string',
            description:
              'The display names of "Systems affected", in its order.',
          },
          incidentRef: {
            type: 'string',
            description: 'Emergency only: the incident.',
          },
          incidentSeverity: {
            type: 'string',
            description: 'Emergency only: P1 to P4.',
          },
          retrospectiveDueAt: {
            type: 'string',
            description:
              'Emergency only: the retrospective due: an ISO 8601 time, or empty.',
          },
          retrospectiveAt: {
            type: 'string',
            description:
              'Emergency only: the retrospective: an ISO 8601 time, or empty.',
          },
          retrospectiveBy: {
            type: 'string',
            description:
              'Emergency only: who documented the retrospective: a user entity ref, or empty.',
          },
          retrospectiveByName: {
            type: 'string',
            description:
              'Emergency only: who documented the retrospective: the display name from the catalog, or empty.',
          },
          retrospectiveLate: {
            type: 'string',
            enum: ['Yes', 'No', ''],
          },
          retrospectiveOverdue: {
            type: 'string',
            enum: ['Yes', 'No', ''],
          },
          plannedStart: {
            type: 'string',
            description: 'The planned start: an ISO 8601 time, or empty.',
          },
          plannedEnd: {
            type: 'string',
            description: 'The planned end: an ISO 8601 time, or empty.',
          },
          causedBy: {
            type: 'string',
            description:
              'Emergency only: the id of the change that caused its incident, or empty.',
          },
          riskLevel: {
            type: 'string',
            enum: ['low', 'medium', 'high', ''],
            description:
              'The stored risk assessment, or empty when none was made.',
          },
          riskScore: {
            type: 'string',
            description: 'The stored risk score as a number, or empty.',
          },
          pullRequestAtDeploy: {
            type: 'string',
            description:
              "The pull request's URL as the deploy recorded it, or empty when the change links none or the deploy could not read it.",
          },
          pullRequestStateAtDeploy: {
            type: 'string',
            enum: ['open', 'merged', 'closed', ''],
            description: "The pull request's state at the deploy, or empty.",
          },
          pullRequestApproversAtDeploy: {
            type: 'string',
            description:
              'The logins whose approving review counted at the deploy (not the author), separated by ", "; empty without a snapshot or an approval.',
          },
          pullRequestChecksAtDeploy: {
            type: 'string',
            description:
              '"<check>: <conclusion, or status until completed>" for each check run on the head commit at the deploy, separated by ", "; empty without a snapshot or a check.',
          },
        },
        required: [
          'id',
          'date',
          'changeType',
          'description',
          'systemsAffected',
          'raisedBy',
          'reviewedBy',
          'ctoApproval',
          'stagingTested',
          'deployedToProduction',
          'postDeploymentVerified',
          'issuesEncountered',
          'state',
          'incident',
          'retrospective',
          'exceptions',
          'raisedByName',
          'reviewer',
          'reviewerName',
          'reviewedAt',
          'approver',
          'approverName',
          'approvedAt',
          'signedOffBy',
          'signedOffByName',
          'signedOffAt',
          'deployer',
          'deployerName',
          'deployedAt',
          'deploymentRef',
          'verifier',
          'verifierName',
          'verifiedAt',
          'systemsAffectedNames',
          'incidentRef',
          'incidentSeverity',
          'retrospectiveDueAt',
          'retrospectiveAt',
          'retrospectiveBy',
          'retrospectiveByName',
          'retrospectiveLate',
          'retrospectiveOverdue',
          'plannedStart',
          'plannedEnd',
          'causedBy',
          'riskLevel',
          'riskScore',
          'pullRequestAtDeploy',
          'pullRequestStateAtDeploy',
          'pullRequestApproversAtDeploy',
          'pullRequestChecksAtDeploy',
        ],
        additionalProperties: false,
      },
      ChangeLogExport: {
        type: 'object',
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ChangeLogRow',
            },
          },
        },
        required: ['items'],
        additionalProperties: false,
      },
      EntitySummary: {
        type: 'object',
        properties: {
          entityRef: {
            type: 'string',
            description: 'The entity asked about.',
          },
          inFlight: {
            type: 'object',
            properties: {
              items: {
                type: 'array',
                items: {
                  $ref: '#/components/schemas/Change',
                },
                description: 'The newest 5, newest first.',
              },
              total: {
                type: 'integer',
                minimum: 0,
                description: 'How many in all.',
              },
            },
            required: ['items', 'total'],
            additionalProperties: false,
            description:
              'Submitted changes that still wait on someone (not drafts, not finished).',
          },
          overdue: {
            type: 'object',
            properties: {
              items: {
                type: 'array',
                items: {
                  $ref: '#/components/schemas/Change',
                },
                description: 'The newest 5, newest first.',
              },
              total: {
                type: 'integer',
                minimum: 0,
                description: 'How many in all.',
              },
            },
            required: ['items', 'total'],
            additionalProperties: false,
            description:
              'Emergencies whose retrospective was due (deploy + 48 h) and is not documented.',
          },
          lastProductionChange: {
            allOf: [
              {
                $ref: '#/components/schemas/Change',
              },
              {
                description:
                  'The change most recently deployed to production, if any.',
              },
            ],
          },
        },
        required: ['entityRef', 'inFlight', 'overdue'],
        additionalProperties: false,
      },
      EntityMetrics: {
        type: 'object',
        properties: {
          entityRef: {
            type: 'string',
            description: 'The entity asked about.',
          },
          from: {
            type: 'string',
            format: 'date-time',
            description: 'The start of the period, inclusive.',
          },
          to: {
            type: 'string',
            format: 'date-time',
            description: 'The end of the period, exclusive.',
          },
          deployments: {
            type: 'object',
            properties: {
              total: {
                type: 'integer',
                minimum: 0,
                description: 'Changes deployed to production in the period.',
              },
              byType: {
                type: 'object',
                properties: {
                  standard: {
                    type: 'integer',
                    minimum: 0,
                    description: 'Standard changes deployed.',
                  },
                  emergency: {
                    type: 'integer',
                    minimum: 0,
                    description: 'Emergencies deployed.',
                  },
                  infrastructure: {
                    type: 'integer',
                    minimum: 0,
                    description: 'Infrastructure changes deployed.',
                  },
                },
                required: ['standard', 'emergency', 'infrastructure'],
                additionalProperties: false,
              },
              perWeek: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    weekStart: {
                      type: 'string',
                      format: 'date',
                      description:
                        'The Monday the week starts on (UTC), yyyy-mm-dd.',
                    },
                    standard: {
                      type: 'integer',
                      minimum: 0,
                      description: 'Standard changes deployed that week.',
                    },
                    emergency: {
                      type: 'integer',
                      minimum: 0,
                      description: 'Emergencies deployed that week.',
                    },
                    infrastructure: {
                      type: 'integer',
                      minimum: 0,
                      description: 'Infrastructure changes deployed that week.',
                    },
                  },
                  required: [
                    'weekStart',
                    'standard',
                    'emergency',
                    'infrastructure',
                  ],
                  additionalProperties: false,
                },
                description: 'Every week the period touches, oldest first.',
              },
            },
            required: ['total', 'byType', 'perWeek'],
            additionalProperties: false,
          },
          leadTimeHours: {
            type: 'object',
            properties: {
              count: {
                type: 'integer',
                minimum: 0,
                description: 'Deployed changes with a submit.',
              },
              median: {
                type: ['number', 'null'],
                description:
                  'Hours from the first submit to the production deploy; null when there is none.',
              },
              p90: {
                type: ['number', 'null'],
                description:
                  'The 90th percentile of those hours; null when there is none.',
              },
            },
            required: ['count', 'median', 'p90'],
            additionalProperties: false,
            description:
              'Of the changes deployed in the period. Percentiles interpolate between ranks, as PostgreSQL percentile_cont.',
          },
          changeFailureRate: {
            type: 'object',
            properties: {
              deployed: {
                type: 'integer',
                minimum: 0,
                description: 'Changes deployed in the period.',
              },
              failed: {
                type: 'integer',
                minimum: 0,
                description:
                  'Of those, rolled back, verified "No", or named by an emergency as the cause of its incident.',
              },
              rate: {
                type: ['number', 'null'],
                minimum: 0,
                maximum: 1,
                description:
                  'failed / deployed; null when nothing was deployed.',
              },
            },
            required: ['deployed', 'failed', 'rate'],
            additionalProperties: false,
          },
          recoveryHours: {
            type: 'object',
            properties: {
              count: {
                type: 'integer',
                minimum: 0,
                description:
                  'Failed changes deployed in the period that a later verified deploy on one of their entities recovered.',
              },
              median: {
                type: ['number', 'null'],
                description:
                  'Hours from the failed deploy to the next deploy on the same entity verified "Yes" and not rolled back; null when there is none.',
              },
            },
            required: ['count', 'median'],
            additionalProperties: false,
          },
          emergencies: {
            type: 'object',
            properties: {
              count: {
                type: 'integer',
                minimum: 0,
                description: 'Emergencies deployed in the period.',
              },
              share: {
                type: ['number', 'null'],
                minimum: 0,
                maximum: 1,
                description: 'Of the deployments; null when there were none.',
              },
              retrospectives: {
                type: 'object',
                properties: {
                  due: {
                    type: 'integer',
                    minimum: 0,
                    description:
                      'Of those emergencies, retrospectives due by now or documented.',
                  },
                  onTime: {
                    type: 'integer',
                    minimum: 0,
                    description: 'Documented by their due time.',
                  },
                },
                required: ['due', 'onTime'],
                additionalProperties: false,
              },
            },
            required: ['count', 'share', 'retrospectives'],
            additionalProperties: false,
          },
          score: {
            type: 'object',
            properties: {
              total: {
                type: 'number',
                description:
                  'The change success score of the changes deployed in the period (see the README for the weights).',
              },
              perWeek: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    weekStart: {
                      type: 'string',
                      format: 'date',
                      description:
                        'The Monday the week starts on (UTC), yyyy-mm-dd.',
                    },
                    score: {
                      type: 'number',
                      description: 'Of the changes deployed that week.',
                    },
                  },
                  required: ['weekStart', 'score'],
                  additionalProperties: false,
                },
                description: 'Every week the period touches, oldest first.',
              },
            },
            required: ['total', 'perWeek'],
            additionalProperties: false,
          },
        },
        required: [
          'entityRef',
          'from',
          'to',
          'deployments',
          'leadTimeHours',
          'changeFailureRate',
          'recoveryHours',
          'emergencies',
          'score',
        ],
        additionalProperties: false,
        description:
          'An entity (for a System, with its parts) over [from, to): only the changes the caller may read count.',
      },
      Health: {
        type: 'object',
        properties: {
          status: {
            type: 'string',
            enum: ['ok'],
          },
        },
        required: ['status'],
        additionalProperties: false,
      },
      QueueCounts: {
        type: 'object',
        properties: {
          needsAction: {
            type: 'integer',
            description: 'Changes waiting for an action of the caller.',
          },
          inFlight: {
            type: 'integer',
            description: 'Submitted changes that still wait on someone.',
          },
          overdue: {
            type: 'integer',
            description: 'Emergencies whose retrospective is past due.',
          },
        },
        required: ['needsAction', 'inFlight', 'overdue'],
        additionalProperties: false,
      },
      InputIssue: {
        type: 'object',
        properties: {
          path: {
            type: 'string',
            description:
              'The dotted path of the field (`incident.severity`); empty for the request as a whole.',
          },
          message: {
            type: 'string',
          },
        },
        required: ['path', 'message'],
        additionalProperties: false,
      },
      RefusalWindow: {
        type: 'object',
        properties: {
          start: {
            type: 'string',
            format: 'date-time',
            description: 'Inclusive, midnight in the calendar time zone.',
          },
          end: {
            type: 'string',
            format: 'date-time',
            description: 'Exclusive, midnight in the calendar time zone.',
          },
          timeZone: {
            type: 'string',
            description: 'The IANA zone of the freeze calendar.',
          },
          entityRef: {
            type: 'string',
            description:
              'For a blackout: the System or Domain it is declared on.',
          },
          reason: {
            type: 'string',
            description: 'For a blackout or lockdown: why.',
          },
          lockdownId: {
            type: 'string',
            description: 'For a lockdown the CTO declared (issue 24): its id.',
          },
        },
        required: ['start', 'end', 'timeZone'],
        additionalProperties: false,
      },
      DeployVerdict: {
        type: 'object',
        properties: {
          allowed: {
            type: 'boolean',
          },
          reasons: {
            type: 'array',
            items: {
              type: 'string',
            },
            description:
              'Why not; or, for an emergency, the override it relies on.',
          },
          final: {
            type: 'boolean',
            description:
              'The gate can never open for this change there (finished, or past the deploy): stop waiting.',
          },
          heldBy: {
            allOf: [
              {
                $ref: '#/components/schemas/RefusalWindow',
              },
              {
                description:
                  'The freeze or blackout that holds a standard or infrastructure change back now; the deploy is refused with this window.',
              },
            ],
          },
          heldByPolicy: {
            type: 'string',
            enum: ['noDeployOutsideWorkingHours'],
            description:
              'Issue 24: the risk-based policy that holds a high-risk change back now (config `changeManagement.risk.policies`); the deploy is refused with a RiskPolicyError naming it.',
          },
          override: {
            allOf: [
              {
                $ref: '#/components/schemas/RefusalWindow',
              },
              {
                description:
                  'The freeze or blackout an emergency deploys through now, on the CTO approval; the deploy records it as a freeze-override exception.',
              },
            ],
          },
        },
        required: ['allowed', 'reasons', 'final'],
        additionalProperties: false,
      },
      ChangeDetail: {
        type: 'object',
        properties: {
          id: {
            type: 'string',
            format: 'uuid',
            description: 'Assigned by the server.',
          },
          type: {
            $ref: '#/components/schemas/ChangeType',
          },
          state: {
            $ref: '#/components/schemas/ChangeState',
          },
          version: {
            type: 'integer',
            minimum: 1,
            description:
              'Increases with every accepted write; actions must send the last one seen.',
          },
          title: {
            type: 'string',
          },
          description: {
            type: 'string',
            description: 'What is being changed and why.',
          },
          risks: {
            type: 'string',
            description: 'Risks and potential side effects.',
          },
          testingNotes: {
            type: 'string',
            description: 'How the change was tested locally.',
          },
          pullRequestUrl: {
            type: 'string',
            format: 'uri',
          },
          incident: {
            allOf: [
              {
                $ref: '#/components/schemas/Incident',
              },
              {
                description: 'Emergency only.',
              },
            ],
          },
          proposedFix: {
            type: 'string',
            description: 'Emergency only: the fix proposed to the CTO.',
          },
          causedBy: {
            type: 'string',
            format: 'uuid',
            description:
              'Emergency only: the id of the change whose failure caused the incident.',
          },
          risk: {
            type: 'object',
            properties: {
              level: {
                type: 'string',
                enum: ['low', 'medium', 'high'],
              },
              score: {
                type: 'number',
                description: 'The sum of the reasons points.',
              },
              reasons: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    factor: {
                      type: 'string',
                      description:
                        'Which factor: blast-radius, criticality, lifecycle, history-failures, history-score, conflicts, freeze, near-freeze, working-hours, type, or an extra factor id.',
                    },
                    points: {
                      type: 'number',
                      description: 'What it adds to the score.',
                    },
                    message: {
                      type: 'string',
                      description: 'The reason in a sentence.',
                    },
                  },
                  required: ['factor', 'points', 'message'],
                  additionalProperties: false,
                },
                description: 'Highest points first.',
              },
              assessedAt: {
                type: 'string',
                format: 'date-time',
                description: 'When the server assessed it, ISO 8601.',
              },
            },
            required: ['level', 'score', 'reasons', 'assessedAt'],
            additionalProperties: false,
            description:
              'The risk as assessed when the change was raised, last edited or submitted; never recomputed on read.',
          },
          affectedEntityRefs: {
            type: 'array',
            items: {
              type: 'string',
            },
            description:
              'The entities the change touches (components, resources, systems, ...).',
          },
          affectedSystemRefs: {
            type: 'array',
            items: {
              type: 'string',
            },
            description:
              'The systems those entities belonged to when recorded.',
          },
          createdBy: {
            type: 'string',
            description:
              'The author: the user who raised the change (a user entity ref).',
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
            description: 'When the change was raised.',
          },
          updatedAt: {
            type: 'string',
            format: 'date-time',
            description: 'The last accepted write.',
          },
          reviewed: {
            allOf: [
              {
                $ref: '#/components/schemas/ChangeSignature',
              },
              {
                description: 'The peer review.',
              },
            ],
          },
          secondReviewed: {
            allOf: [
              {
                $ref: '#/components/schemas/ChangeSignature',
              },
              {
                description:
                  'Issue 24: the second peer review, by another engineer, where the twoPeerReviews policy binds the change (docs/workflow.md).',
              },
            ],
          },
          approved: {
            allOf: [
              {
                $ref: '#/components/schemas/ChangeSignature',
              },
              {
                description: 'The CTO approval.',
              },
            ],
          },
          signedOff: {
            allOf: [
              {
                $ref: '#/components/schemas/ChangeSignature',
              },
              {
                description: "The CTO's production sign-off.",
              },
            ],
          },
          stagingTested: {
            $ref: '#/components/schemas/StagingTested',
          },
          deployed: {
            type: 'object',
            properties: {
              by: {
                type: 'string',
                description: 'Who did it (a user entity ref).',
              },
              at: {
                type: 'string',
                format: 'date-time',
                description: 'When, ISO 8601.',
              },
              deploymentRef: {
                type: 'string',
                description: 'For example a pipeline run URL.',
              },
            },
            required: ['by', 'at'],
            additionalProperties: false,
            description: 'The production deploy.',
          },
          postDeploymentVerified: {
            $ref: '#/components/schemas/YesNo',
          },
          verified: {
            allOf: [
              {
                $ref: '#/components/schemas/ChangeSignature',
              },
              {
                description: 'The post-deployment verification.',
              },
            ],
          },
          issuesEncountered: {
            type: 'string',
            description: 'Issues found after the deploy; empty for none.',
          },
          retrospectiveDueAt: {
            type: 'string',
            format: 'date-time',
            description:
              'Emergency only: exactly 48 hours after the production deploy.',
          },
          retrospective: {
            type: 'object',
            properties: {
              by: {
                type: 'string',
                description: 'Who did it (a user entity ref).',
              },
              at: {
                type: 'string',
                format: 'date-time',
                description: 'When, ISO 8601.',
              },
              whatChanged: {
                type: 'string',
              },
              why: {
                type: 'string',
              },
              approvalReceived: {
                type: 'string',
              },
              late: {
                type: 'boolean',
                description: 'Documented after the due time.',
              },
            },
            required: [
              'by',
              'at',
              'whatChanged',
              'why',
              'approvalReceived',
              'late',
            ],
            additionalProperties: false,
            description: "Emergency only: the author's retrospective.",
          },
          postDeploymentReview: {
            type: 'object',
            properties: {
              by: {
                type: 'string',
                description: 'Who did it (a user entity ref).',
              },
              at: {
                type: 'string',
                format: 'date-time',
                description: 'When, ISO 8601.',
              },
              preventable: {
                type: 'string',
                enum: ['yes', 'no'],
                description: 'Could the issue have been prevented?',
              },
              notes: {
                type: 'string',
              },
            },
            required: ['by', 'at', 'preventable', 'notes'],
            additionalProperties: false,
            description:
              "Emergency only: the CTO's review of the retrospective.",
          },
          exceptions: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ChangeException',
            },
            description: 'Exceptions to the normal workflow, for auditors.',
          },
          overdue: {
            type: 'boolean',
            description:
              'An emergency past its retrospective due time without a retrospective.',
          },
          plannedStart: {
            type: 'string',
            format: 'date-time',
            description: 'When the change is planned to start, inclusive.',
          },
          plannedEnd: {
            type: 'string',
            format: 'date-time',
            description: 'When the change is planned to end, exclusive.',
          },
          allowedActions: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ChangeAction',
            },
            description: 'The actions the caller may take now.',
          },
          windowWarnings: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                reason: {
                  type: 'string',
                  enum: ['freeze', 'blackout', 'outside-working-hours'],
                },
                message: {
                  type: 'string',
                  description: 'The warning in a sentence.',
                },
              },
              required: ['reason', 'message'],
              additionalProperties: false,
            },
            description:
              'On create, edit and the change page: what to know of its planned window (freeze, blackout, working hours); a warning never refuses the draft.',
          },
          pullRequestWarnings: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                code: {
                  type: 'string',
                  enum: [
                    'repository-not-affected',
                    'not-merged',
                    'failing-checks',
                    'pending-checks',
                    'no-approval',
                    'commit-mismatch',
                  ],
                },
                message: {
                  type: 'string',
                },
              },
              required: ['code', 'message'],
              additionalProperties: false,
            },
            description:
              'On create and edit: what to know of the linked pull request, such as a repository none of the affected entities names; a warning never refuses the draft.',
          },
          deployVerdict: {
            type: 'object',
            properties: {
              allowed: {
                type: 'boolean',
              },
              reasons: {
                type: 'array',
                items: {
                  type: 'string',
                },
                description:
                  'Why not; or, for an emergency, the override it relies on.',
              },
              final: {
                type: 'boolean',
                description:
                  'The gate can never open for this change there (finished, or past the deploy): stop waiting.',
              },
              heldBy: {
                allOf: [
                  {
                    $ref: '#/components/schemas/RefusalWindow',
                  },
                  {
                    description:
                      'The freeze or blackout that holds a standard or infrastructure change back now; the deploy is refused with this window.',
                  },
                ],
              },
              heldByPolicy: {
                type: 'string',
                enum: ['noDeployOutsideWorkingHours'],
                description:
                  'Issue 24: the risk-based policy that holds a high-risk change back now (config `changeManagement.risk.policies`); the deploy is refused with a RiskPolicyError naming it.',
              },
              override: {
                allOf: [
                  {
                    $ref: '#/components/schemas/RefusalWindow',
                  },
                  {
                    description:
                      'The freeze or blackout an emergency deploys through now, on the CTO approval; the deploy records it as a freeze-override exception.',
                  },
                ],
              },
            },
            required: ['allowed', 'reasons', 'final'],
            additionalProperties: false,
            description:
              "May it deploy to production now, and why not: the gate's answer, with the freeze and the blackouts of its entities.",
          },
          conflicts: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: {
                  type: ['string', 'null'],
                  format: 'uuid',
                  description:
                    'The other change; null for a freeze or blackout window.',
                },
                title: {
                  type: 'string',
                  description: 'The change, or the window in words.',
                },
                state: {
                  anyOf: [
                    {
                      $ref: '#/components/schemas/ChangeState',
                    },
                    {
                      type: 'null',
                    },
                    {
                      type: 'null',
                    },
                  ],
                  description: 'The other change; null for a window.',
                },
                plannedStart: {
                  type: 'string',
                  format: 'date-time',
                  description: 'Inclusive.',
                },
                plannedEnd: {
                  type: 'string',
                  format: 'date-time',
                  description: 'Exclusive.',
                },
                reason: {
                  type: 'string',
                  enum: [
                    'same-entity',
                    'same-system',
                    'dependency',
                    'freeze',
                    'blackout',
                  ],
                  description:
                    'Same entity, same System, one dependsOn/dependencyOf hop away, or a window that holds a standard or infrastructure change back.',
                },
              },
              required: [
                'id',
                'title',
                'state',
                'plannedStart',
                'plannedEnd',
                'reason',
              ],
              additionalProperties: false,
            },
            description:
              'What collides with its planned window: open changes of the same entity, System or one dependency hop, and the freeze or blackouts that hold it back. Empty without a planned window.',
          },
          riskPolicies: {
            type: 'array',
            items: {
              type: 'string',
              enum: [
                'twoPeerReviews',
                'requirePlannedWindow',
                'noDeployOutsideWorkingHours',
              ],
            },
            description:
              'Issue 24: the risk-based policies that bind this change now (config `changeManagement.risk.policies.highRisk`, for a high-risk standard or infrastructure change), so its page says what it still misses. Empty when none binds.',
          },
        },
        required: [
          'id',
          'type',
          'state',
          'version',
          'title',
          'description',
          'risks',
          'testingNotes',
          'affectedEntityRefs',
          'affectedSystemRefs',
          'createdBy',
          'createdAt',
          'updatedAt',
          'exceptions',
          'overdue',
          'allowedActions',
          'deployVerdict',
          'conflicts',
          'riskPolicies',
        ],
        additionalProperties: false,
        description:
          'A change with the actions the caller may take now and whether it may deploy to production.',
      },
      ErrorResponse: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              name: {
                type: 'string',
                description: 'The error class, e.g. NotFoundError.',
              },
              message: {
                type: 'string',
              },
              statusCode: {
                type: 'integer',
              },
              stack: {
                type: 'string',
                description: 'Only in development.',
              },
            },
            required: ['name', 'message'],
          },
          request: {
            type: 'object',
            properties: {
              method: {
                type: 'string',
              },
              url: {
                type: 'string',
              },
            },
            required: ['method', 'url'],
            additionalProperties: false,
          },
          response: {
            type: 'object',
            properties: {
              statusCode: {
                type: 'integer',
                minimum: 400,
              },
            },
            required: ['statusCode'],
            additionalProperties: false,
          },
        },
        required: ['error', 'response'],
        additionalProperties: false,
      },
      InputErrorResponse: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              name: {
                type: 'string',
                enum: ['InputError'],
              },
              message: {
                type: 'string',
                description:
                  'For people; programs read the name and the fields.',
              },
              issues: {
                type: 'array',
                items: {
                  $ref: '#/components/schemas/InputIssue',
                },
              },
              statusCode: {
                type: 'integer',
              },
              stack: {
                type: 'string',
                description: 'Only in development.',
              },
            },
            required: ['name', 'message', 'issues'],
            additionalProperties: false,
          },
          request: {
            type: 'object',
            properties: {
              method: {
                type: 'string',
              },
              url: {
                type: 'string',
              },
            },
            required: ['method', 'url'],
            additionalProperties: false,
          },
          response: {
            type: 'object',
            properties: {
              statusCode: {
                type: 'number',
                enum: [400],
              },
            },
            required: ['statusCode'],
            additionalProperties: false,
          },
        },
        required: ['error', 'response'],
        additionalProperties: false,
      },
      NotAllowedErrorResponse: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              name: {
                type: 'string',
                enum: ['NotAllowedError'],
              },
              message: {
                type: 'string',
                description:
                  'For people; programs read the name and the fields.',
              },
              statusCode: {
                type: 'integer',
              },
              stack: {
                type: 'string',
                description: 'Only in development.',
              },
            },
            required: ['name', 'message'],
            additionalProperties: false,
          },
          request: {
            type: 'object',
            properties: {
              method: {
                type: 'string',
              },
              url: {
                type: 'string',
              },
            },
            required: ['method', 'url'],
            additionalProperties: false,
          },
          response: {
            type: 'object',
            properties: {
              statusCode: {
                type: 'number',
                enum: [403],
              },
            },
            required: ['statusCode'],
            additionalProperties: false,
          },
        },
        required: ['error', 'response'],
        additionalProperties: false,
      },
      SoleApproverErrorResponse: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              name: {
                type: 'string',
                enum: ['SoleApproverError'],
              },
              message: {
                type: 'string',
                description:
                  'For people; programs read the name and the fields.',
              },
              ctoRoleHolders: {
                type: 'array',
                items: {
                  type: 'string',
                },
                description:
                  'The users who hold the CTO role (user entity refs): the caller, and the author if they hold it; neither may approve after this review.',
              },
              statusCode: {
                type: 'integer',
              },
              stack: {
                type: 'string',
                description: 'Only in development.',
              },
            },
            required: ['name', 'message', 'ctoRoleHolders'],
            additionalProperties: false,
          },
          request: {
            type: 'object',
            properties: {
              method: {
                type: 'string',
              },
              url: {
                type: 'string',
              },
            },
            required: ['method', 'url'],
            additionalProperties: false,
          },
          response: {
            type: 'object',
            properties: {
              statusCode: {
                type: 'number',
                enum: [403],
              },
            },
            required: ['statusCode'],
            additionalProperties: false,
          },
        },
        required: ['error', 'response'],
        additionalProperties: false,
      },
      InvalidTransitionErrorResponse: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              name: {
                type: 'string',
                enum: ['InvalidTransitionError'],
              },
              message: {
                type: 'string',
                description:
                  'For people; programs read the name and the fields.',
              },
              state: {
                type: 'string',
                enum: [
                  'draft',
                  'in_review',
                  'awaiting_approval',
                  'approved',
                  'staging_verified',
                  'ready_for_production',
                  'deployed',
                  'verified',
                  'retrospective_done',
                  'completed',
                  'rolled_back',
                  'rejected',
                  'cancelled',
                ],
                description: 'The state the change is in.',
              },
              allowedActions: {
                type: 'array',
                items: {
                  $ref: '#/components/schemas/ChangeAction',
                },
                description:
                  'The actions open in that state, whoever asks (docs/workflow.md).',
              },
              statusCode: {
                type: 'integer',
              },
              stack: {
                type: 'string',
                description: 'Only in development.',
              },
            },
            required: ['name', 'message', 'state', 'allowedActions'],
            additionalProperties: false,
          },
          request: {
            type: 'object',
            properties: {
              method: {
                type: 'string',
              },
              url: {
                type: 'string',
              },
            },
            required: ['method', 'url'],
            additionalProperties: false,
          },
          response: {
            type: 'object',
            properties: {
              statusCode: {
                type: 'number',
                enum: [409],
              },
            },
            required: ['statusCode'],
            additionalProperties: false,
          },
        },
        required: ['error', 'response'],
        additionalProperties: false,
      },
      FreezeErrorResponse: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              name: {
                type: 'string',
                enum: ['FreezeError'],
              },
              message: {
                type: 'string',
                description:
                  'For people; programs read the name and the fields.',
              },
              window: {
                $ref: '#/components/schemas/RefusalWindow',
              },
              statusCode: {
                type: 'integer',
              },
              stack: {
                type: 'string',
                description: 'Only in development.',
              },
            },
            required: ['name', 'message', 'window'],
            additionalProperties: false,
          },
          request: {
            type: 'object',
            properties: {
              method: {
                type: 'string',
              },
              url: {
                type: 'string',
              },
            },
            required: ['method', 'url'],
            additionalProperties: false,
          },
          response: {
            type: 'object',
            properties: {
              statusCode: {
                type: 'number',
                enum: [409],
              },
            },
            required: ['statusCode'],
            additionalProperties: false,
          },
        },
        required: ['error', 'response'],
        additionalProperties: false,
      },
      StaleVersionErrorResponse: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              name: {
                type: 'string',
                enum: ['StaleVersionError'],
              },
              message: {
                type: 'string',
                description:
                  'For people; programs read the name and the fields.',
              },
              currentVersion: {
                type: 'integer',
                minimum: 1,
              },
              statusCode: {
                type: 'integer',
              },
              stack: {
                type: 'string',
                description: 'Only in development.',
              },
            },
            required: ['name', 'message', 'currentVersion'],
            additionalProperties: false,
          },
          request: {
            type: 'object',
            properties: {
              method: {
                type: 'string',
              },
              url: {
                type: 'string',
              },
            },
            required: ['method', 'url'],
            additionalProperties: false,
          },
          response: {
            type: 'object',
            properties: {
              statusCode: {
                type: 'number',
                enum: [409],
              },
            },
            required: ['statusCode'],
            additionalProperties: false,
          },
        },
        required: ['error', 'response'],
        additionalProperties: false,
      },
      RiskPolicyErrorResponse: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              name: {
                type: 'string',
                enum: ['RiskPolicyError'],
              },
              message: {
                type: 'string',
                description:
                  'For people; programs read the name and the fields.',
              },
              policy: {
                type: 'string',
                enum: [
                  'twoPeerReviews',
                  'requirePlannedWindow',
                  'noDeployOutsideWorkingHours',
                ],
                description: 'The policy that refuses, as config names it.',
              },
              riskLevel: {
                type: 'string',
                enum: ['low', 'medium', 'high'],
                description: "The change's stored risk level.",
              },
              statusCode: {
                type: 'integer',
              },
              stack: {
                type: 'string',
                description: 'Only in development.',
              },
            },
            required: ['name', 'message', 'policy', 'riskLevel'],
            additionalProperties: false,
          },
          request: {
            type: 'object',
            properties: {
              method: {
                type: 'string',
              },
              url: {
                type: 'string',
              },
            },
            required: ['method', 'url'],
            additionalProperties: false,
          },
          response: {
            type: 'object',
            properties: {
              statusCode: {
                type: 'number',
                enum: [409],
              },
            },
            required: ['statusCode'],
            additionalProperties: false,
          },
        },
        required: ['error', 'response'],
        additionalProperties: false,
      },
    },
    parameters: {},
  },
  paths: {
    '/health': {
      get: {
        operationId: 'GetHealth',
        description: 'Liveness; needs no credentials.',
        security: [],
        responses: {
          '200': {
            description: 'The plugin is up.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Health',
                },
              },
            },
          },
        },
      },
    },
    '/ping': {
      get: {
        operationId: 'Ping',
        description:
          'Does nothing behind Backstage auth (users and services): the baseline of every route, measured by `yarn bench`.',
        responses: {
          '200': {
            description: 'Signed in.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {},
                  additionalProperties: false,
                },
              },
            },
          },
          '401': {
            description: 'No valid Backstage credentials.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
        },
      },
    },
    '/changes': {
      post: {
        operationId: 'CreateChange',
        description: 'Creates a draft authored by the caller.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/ChangeDraft',
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'The new draft.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ChangeView',
                },
              },
            },
          },
          '400': {
            description: 'Invalid input: one issue per bad field.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/InputErrorResponse',
                },
              },
            },
          },
          '401': {
            description: 'No valid Backstage credentials.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '403': {
            description:
              'Not a user, or refused by the permission policy or by a role or separation-of-duties rule.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/NotAllowedErrorResponse',
                },
              },
            },
          },
          '413': {
            description: 'The body is over the size limit.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '415': {
            description: 'The body is not JSON.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
        },
      },
      get: {
        operationId: 'ListChanges',
        description:
          'Changes newest first, or with `order=due` emergencies first; keyset-paged. Callable by users and by other plugins (the search module indexes every change with its own token); an external-access token (a pipeline) gets 403.',
        parameters: [
          {
            schema: {
              type: 'string',
              maxLength: 255,
              pattern:
                '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
              description:
                'The entity itself, or for a System everything that is part of it.',
            },
            required: false,
            description:
              'The entity itself, or for a System everything that is part of it.',
            name: 'entityRef',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              description: 'One state, or several separated by commas.',
            },
            required: false,
            description: 'One state, or several separated by commas.',
            name: 'state',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              enum: ['standard', 'emergency', 'infrastructure'],
              description:
                'The SOP category; emergency changes follow their own state machine.',
            },
            required: false,
            description:
              'The SOP category; emergency changes follow their own state machine.',
            name: 'type',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              maxLength: 255,
              pattern:
                '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
              description: 'A user entity ref.',
            },
            required: false,
            description: 'A user entity ref.',
            name: 'author',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              enum: ['me'],
              description: '`me`: changes waiting for an action of the caller.',
            },
            required: false,
            description: '`me`: changes waiting for an action of the caller.',
            name: 'needsActionBy',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              enum: ['true', 'false'],
              description:
                '`true`: submitted changes that still wait on someone.',
            },
            required: false,
            description:
              '`true`: submitted changes that still wait on someone.',
            name: 'inFlight',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              enum: ['true', 'false'],
              description:
                '`true`: emergencies whose retrospective is past due.',
            },
            required: false,
            description: '`true`: emergencies whose retrospective is past due.',
            name: 'overdue',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              maxLength: 200,
              pattern:
                '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
              description:
                'Changes whose title contains this text, ignoring case (ASCII letters on SQLite).',
            },
            required: false,
            description:
              'Changes whose title contains this text, ignoring case (ASCII letters on SQLite).',
            name: 'q',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              maxLength: 2000,
              pattern:
                '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
              description:
                'Changes whose pull request is at this URL, exactly.',
            },
            required: false,
            description: 'Changes whose pull request is at this URL, exactly.',
            name: 'pullRequestUrl',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              pattern: '^[0-9a-fA-F]{7,40}$',
              description:
                'Changes whose recorded deploy names this commit: the commitSha it recorded (7 hex digits or more) is this SHA or its start.',
            },
            required: false,
            description:
              'Changes whose recorded deploy names this commit: the commitSha it recorded (7 hex digits or more) is this SHA or its start.',
            name: 'commitSha',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              enum: ['newest', 'due'],
              default: 'newest',
              description:
                '`newest`: newest first. `due`: emergencies first (those not yet deployed, then by retrospective due time, soonest first), then the rest newest first. A cursor pages only the order it came from.',
            },
            required: false,
            description:
              '`newest`: newest first. `due`: emergencies first (those not yet deployed, then by retrospective due time, soonest first), then the rest newest first. A cursor pages only the order it came from.',
            name: 'order',
            in: 'query',
          },
          {
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 100,
              default: 25,
              description: 'The page size.',
            },
            required: false,
            description: 'The page size.',
            name: 'limit',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              maxLength: 1000,
              pattern:
                '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
              description: 'The nextCursor of the previous page.',
            },
            required: false,
            description: 'The nextCursor of the previous page.',
            name: 'cursor',
            in: 'query',
          },
        ],
        responses: {
          '200': {
            description: 'A page of changes.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ChangeList',
                },
              },
            },
          },
          '400': {
            description: 'Invalid input: one issue per bad field.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/InputErrorResponse',
                },
              },
            },
          },
          '401': {
            description: 'No valid Backstage credentials.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '403': {
            description:
              'Not a user, or refused by the permission policy or by a role or separation-of-duties rule.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/NotAllowedErrorResponse',
                },
              },
            },
          },
        },
      },
    },
    '/queues': {
      get: {
        operationId: 'CountQueues',
        description:
          "How many changes wait on the caller, are in flight, and are overdue: the portal's tab headers in one call.",
        responses: {
          '200': {
            description: "The caller's queues, counted.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/QueueCounts',
                },
              },
            },
          },
          '401': {
            description: 'No valid Backstage credentials.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '403': {
            description:
              'Not a user, or refused by the permission policy or by a role or separation-of-duties rule.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/NotAllowedErrorResponse',
                },
              },
            },
          },
        },
      },
    },
    '/changes/{id}': {
      get: {
        operationId: 'GetChange',
        parameters: [
          {
            schema: {
              type: 'string',
              description: 'The id of the change.',
            },
            required: true,
            description: 'The id of the change.',
            name: 'id',
            in: 'path',
          },
        ],
        responses: {
          '200': {
            description:
              'The change, with the actions the caller may take now and whether it may deploy to production now.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ChangeDetail',
                },
              },
            },
          },
          '401': {
            description: 'No valid Backstage credentials.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '403': {
            description:
              'Not a user, or refused by the permission policy or by a role or separation-of-duties rule.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/NotAllowedErrorResponse',
                },
              },
            },
          },
          '404': {
            description: 'No change with that id.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
        },
      },
      patch: {
        operationId: 'EditChange',
        description:
          "Edits a draft: the author's `edit` action, at its own address.",
        parameters: [
          {
            schema: {
              type: 'string',
              description: 'The id of the change.',
            },
            required: true,
            description: 'The id of the change.',
            name: 'id',
            in: 'path',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/ChangeEdit',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The edited draft.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ChangeView',
                },
              },
            },
          },
          '400': {
            description: 'Invalid input: one issue per bad field.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/InputErrorResponse',
                },
              },
            },
          },
          '401': {
            description: 'No valid Backstage credentials.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '403': {
            description:
              'Not a user, or refused by the permission policy or by a role or separation-of-duties rule.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/NotAllowedErrorResponse',
                },
              },
            },
          },
          '404': {
            description: 'No change with that id.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '409': {
            description:
              'The change is no longer a draft, or the version is stale.',
            content: {
              'application/json': {
                schema: {
                  anyOf: [
                    {
                      $ref: '#/components/schemas/InvalidTransitionErrorResponse',
                    },
                    {
                      $ref: '#/components/schemas/StaleVersionErrorResponse',
                    },
                  ],
                },
              },
            },
          },
          '413': {
            description: 'The body is over the size limit.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '415': {
            description: 'The body is not JSON.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
        },
      },
    },
    '/changes/{id}/actions': {
      post: {
        operationId: 'ActOnChange',
        description:
          'Takes a workflow action with the version the client last saw and exactly the fields that action records (docs/workflow.md).',
        parameters: [
          {
            schema: {
              type: 'string',
              description: 'The id of the change.',
            },
            required: true,
            description: 'The id of the change.',
            name: 'id',
            in: 'path',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/ActionRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The updated change.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ChangeView',
                },
              },
            },
          },
          '400': {
            description: 'Invalid input: one issue per bad field.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/InputErrorResponse',
                },
              },
            },
          },
          '401': {
            description: 'No valid Backstage credentials.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '403': {
            description:
              'Refused by the permission policy or by a role or separation-of-duties rule; `SoleApproverError` when a CTO-role holder would leave nobody to approve the change they review.',
            content: {
              'application/json': {
                schema: {
                  anyOf: [
                    {
                      $ref: '#/components/schemas/NotAllowedErrorResponse',
                    },
                    {
                      $ref: '#/components/schemas/SoleApproverErrorResponse',
                    },
                  ],
                },
              },
            },
          },
          '404': {
            description: 'No change with that id.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '409': {
            description:
              'The wrong action for the state, a stale version, the freeze, or a risk-based policy (`RiskPolicyError`, naming it).',
            content: {
              'application/json': {
                schema: {
                  anyOf: [
                    {
                      $ref: '#/components/schemas/InvalidTransitionErrorResponse',
                    },
                    {
                      $ref: '#/components/schemas/FreezeErrorResponse',
                    },
                    {
                      $ref: '#/components/schemas/StaleVersionErrorResponse',
                    },
                    {
                      $ref: '#/components/schemas/RiskPolicyErrorResponse',
                    },
                  ],
                },
              },
            },
          },
          '413': {
            description: 'The body is over the size limit.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '415': {
            description: 'The body is not JSON.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
        },
      },
    },
    '/changes/{id}/events': {
      get: {
        operationId: 'ListChangeEvents',
        parameters: [
          {
            schema: {
              type: 'string',
              description: 'The id of the change.',
            },
            required: true,
            description: 'The id of the change.',
            name: 'id',
            in: 'path',
          },
        ],
        responses: {
          '200': {
            description: "The change's events, oldest first.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ChangeEventList',
                },
              },
            },
          },
          '401': {
            description: 'No valid Backstage credentials.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '403': {
            description:
              'Not a user, or refused by the permission policy or by a role or separation-of-duties rule.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/NotAllowedErrorResponse',
                },
              },
            },
          },
          '404': {
            description: 'No change with that id.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
        },
      },
    },
    '/changes/{id}/pull-request': {
      get: {
        operationId: 'GetChangePullRequest',
        description:
          'The linked pull request as last read (issue 20), with what the CTO should know of it; asks nothing of GitHub.',
        parameters: [
          {
            schema: {
              type: 'string',
              description: 'The id of the change.',
            },
            required: true,
            description: 'The id of the change.',
            name: 'id',
            in: 'path',
          },
        ],
        responses: {
          '200': {
            description: 'The last snapshot, or null.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    url: {
                      type: ['string', 'null'],
                      description:
                        'The pull request the change links; null for none.',
                    },
                    reader: {
                      type: 'boolean',
                      description:
                        'Whether a module reads pull requests (the GitHub module, with verifyPullRequests); without one nothing is read.',
                    },
                    snapshot: {
                      type: ['object', 'null'],
                      properties: {
                        url: {
                          type: 'string',
                        },
                        repository: {
                          type: 'string',
                          description: 'owner/name',
                        },
                        number: {
                          type: 'integer',
                        },
                        title: {
                          type: 'string',
                        },
                        state: {
                          type: 'string',
                          enum: ['open', 'merged', 'closed'],
                        },
                        author: {
                          type: 'string',
                          description: "The author's login on the code host.",
                        },
                        headSha: {
                          type: 'string',
                        },
                        mergeSha: {
                          type: ['string', 'null'],
                          description: 'The merge commit; null unless merged.',
                        },
                        mergedAt: {
                          type: ['string', 'null'],
                          format: 'date-time',
                          description: 'When it was merged.',
                        },
                        approvals: {
                          type: 'array',
                          items: {
                            type: 'object',
                            properties: {
                              reviewer: {
                                type: 'string',
                                description:
                                  "The reviewer's login on the code host.",
                              },
                              at: {
                                type: 'string',
                                format: 'date-time',
                                description:
                                  'When the approving review was submitted.',
                              },
                            },
                            required: ['reviewer', 'at'],
                            additionalProperties: false,
                          },
                          description:
                            "Each reviewer's latest review, where it approves; the author's own reviews do not count.",
                        },
                        checks: {
                          type: 'array',
                          items: {
                            type: 'object',
                            properties: {
                              name: {
                                type: 'string',
                              },
                              status: {
                                type: 'string',
                                description:
                                  'queued, in_progress or completed, as the code host says.',
                              },
                              conclusion: {
                                type: ['string', 'null'],
                                description:
                                  'success, failure, neutral, … ; null until completed.',
                              },
                              at: {
                                type: ['string', 'null'],
                                format: 'date-time',
                                description:
                                  'When it completed, or else started.',
                              },
                            },
                            required: ['name', 'status', 'conclusion', 'at'],
                            additionalProperties: false,
                          },
                          description: 'The check runs on the head commit.',
                        },
                        readAt: {
                          type: 'string',
                          format: 'date-time',
                          description: 'When the snapshot was read.',
                        },
                      },
                      required: [
                        'url',
                        'repository',
                        'number',
                        'title',
                        'state',
                        'author',
                        'headSha',
                        'mergeSha',
                        'mergedAt',
                        'approvals',
                        'checks',
                        'readAt',
                      ],
                      additionalProperties: false,
                      description:
                        'The last snapshot read; null until one is read.',
                    },
                    warnings: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          code: {
                            type: 'string',
                            enum: [
                              'repository-not-affected',
                              'not-merged',
                              'failing-checks',
                              'pending-checks',
                              'no-approval',
                              'commit-mismatch',
                            ],
                          },
                          message: {
                            type: 'string',
                          },
                        },
                        required: ['code', 'message'],
                        additionalProperties: false,
                      },
                    },
                    problem: {
                      type: 'string',
                      description:
                        'Why the last refresh could not read the pull request.',
                    },
                    deployedSha: {
                      type: 'string',
                      description:
                        'The commit the last deploy recorded, if it recorded one.',
                    },
                  },
                  required: ['url', 'reader', 'snapshot', 'warnings'],
                  additionalProperties: false,
                },
              },
            },
          },
          '401': {
            description: 'No valid Backstage credentials.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '403': {
            description:
              'Not a user, or refused by the permission policy or by a role or separation-of-duties rule.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/NotAllowedErrorResponse',
                },
              },
            },
          },
          '404': {
            description: 'No change with that id.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
        },
      },
    },
    '/changes/{id}/pull-request/refresh': {
      post: {
        operationId: 'RefreshChangePullRequest',
        description:
          'Reads the linked pull request again and keeps the snapshot; `problem` says why it could not be read.',
        parameters: [
          {
            schema: {
              type: 'string',
              description: 'The id of the change.',
            },
            required: true,
            description: 'The id of the change.',
            name: 'id',
            in: 'path',
          },
        ],
        responses: {
          '200': {
            description: 'The snapshot just read.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    url: {
                      type: ['string', 'null'],
                      description:
                        'The pull request the change links; null for none.',
                    },
                    reader: {
                      type: 'boolean',
                      description:
                        'Whether a module reads pull requests (the GitHub module, with verifyPullRequests); without one nothing is read.',
                    },
                    snapshot: {
                      type: ['object', 'null'],
                      properties: {
                        url: {
                          type: 'string',
                        },
                        repository: {
                          type: 'string',
                          description: 'owner/name',
                        },
                        number: {
                          type: 'integer',
                        },
                        title: {
                          type: 'string',
                        },
                        state: {
                          type: 'string',
                          enum: ['open', 'merged', 'closed'],
                        },
                        author: {
                          type: 'string',
                          description: "The author's login on the code host.",
                        },
                        headSha: {
                          type: 'string',
                        },
                        mergeSha: {
                          type: ['string', 'null'],
                          description: 'The merge commit; null unless merged.',
                        },
                        mergedAt: {
                          type: ['string', 'null'],
                          format: 'date-time',
                          description: 'When it was merged.',
                        },
                        approvals: {
                          type: 'array',
                          items: {
                            type: 'object',
                            properties: {
                              reviewer: {
                                type: 'string',
                                description:
                                  "The reviewer's login on the code host.",
                              },
                              at: {
                                type: 'string',
                                format: 'date-time',
                                description:
                                  'When the approving review was submitted.',
                              },
                            },
                            required: ['reviewer', 'at'],
                            additionalProperties: false,
                          },
                          description:
                            "Each reviewer's latest review, where it approves; the author's own reviews do not count.",
                        },
                        checks: {
                          type: 'array',
                          items: {
                            type: 'object',
                            properties: {
                              name: {
                                type: 'string',
                              },
                              status: {
                                type: 'string',
                                description:
                                  'queued, in_progress or completed, as the code host says.',
                              },
                              conclusion: {
                                type: ['string', 'null'],
                                description:
                                  'success, failure, neutral, … ; null until completed.',
                              },
                              at: {
                                type: ['string', 'null'],
                                format: 'date-time',
                                description:
                                  'When it completed, or else started.',
                              },
                            },
                            required: ['name', 'status', 'conclusion', 'at'],
                            additionalProperties: false,
                          },
                          description: 'The check runs on the head commit.',
                        },
                        readAt: {
                          type: 'string',
                          format: 'date-time',
                          description: 'When the snapshot was read.',
                        },
                      },
                      required: [
                        'url',
                        'repository',
                        'number',
                        'title',
                        'state',
                        'author',
                        'headSha',
                        'mergeSha',
                        'mergedAt',
                        'approvals',
                        'checks',
                        'readAt',
                      ],
                      additionalProperties: false,
                      description:
                        'The last snapshot read; null until one is read.',
                    },
                    warnings: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          code: {
                            type: 'string',
                            enum: [
                              'repository-not-affected',
                              'not-merged',
                              'failing-checks',
                              'pending-checks',
                              'no-approval',
                              'commit-mismatch',
                            ],
                          },
                          message: {
                            type: 'string',
                          },
                        },
                        required: ['code', 'message'],
                        additionalProperties: false,
                      },
                    },
                    problem: {
                      type: 'string',
                      description:
                        'Why the last refresh could not read the pull request.',
                    },
                    deployedSha: {
                      type: 'string',
                      description:
                        'The commit the last deploy recorded, if it recorded one.',
                    },
                  },
                  required: ['url', 'reader', 'snapshot', 'warnings'],
                  additionalProperties: false,
                },
              },
            },
          },
          '401': {
            description: 'No valid Backstage credentials.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '403': {
            description:
              'Not a user, or refused by the permission policy or by a role or separation-of-duties rule.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/NotAllowedErrorResponse',
                },
              },
            },
          },
          '404': {
            description: 'No change with that id.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
        },
      },
    },
    '/freeze': {
      get: {
        operationId: 'GetFreeze',
        parameters: [
          {
            schema: {
              type: 'string',
              description:
                'The time to ask about; now by default. An ISO 8601 date or time.',
            },
            required: false,
            description:
              'The time to ask about; now by default. An ISO 8601 date or time.',
            name: 'at',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              maxLength: 255,
              pattern:
                '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
              description:
                'Also the blackouts of this entity, its System and its Domain.',
            },
            required: false,
            description:
              'Also the blackouts of this entity, its System and its Domain.',
            name: 'entityRef',
            in: 'query',
          },
        ],
        responses: {
          '200': {
            description: 'Whether production deploys are frozen at that time.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/FreezeStatus',
                },
              },
            },
          },
          '400': {
            description: 'Invalid input: one issue per bad field.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/InputErrorResponse',
                },
              },
            },
          },
          '401': {
            description: 'No valid Backstage credentials.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '403': {
            description:
              'Not a user, or refused by the permission policy or by a role or separation-of-duties rule.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/NotAllowedErrorResponse',
                },
              },
            },
          },
        },
      },
    },
    '/gate': {
      get: {
        operationId: 'CheckGate',
        description:
          'May this change be deployed to this environment now? For pipelines: callable by users and by external-access static tokens.',
        parameters: [
          {
            schema: {
              type: 'string',
              format: 'uuid',
            },
            required: true,
            name: 'changeId',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              enum: ['production', 'staging'],
              default: 'production',
            },
            required: false,
            name: 'environment',
            in: 'query',
          },
        ],
        responses: {
          '200': {
            description: 'The decision, with reasons a developer can act on.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/GateAnswer',
                },
              },
            },
          },
          '400': {
            description: 'Invalid input: one issue per bad field.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/InputErrorResponse',
                },
              },
            },
          },
          '401': {
            description: 'No valid Backstage credentials.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '403': {
            description:
              'Not a user, or refused by the permission policy or by a role or separation-of-duties rule.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/NotAllowedErrorResponse',
                },
              },
            },
          },
          '404': {
            description: 'No change with that id.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
        },
      },
    },
    '/summary': {
      get: {
        operationId: 'GetEntitySummary',
        description:
          "One entity's change debt, for its catalog card: the changes in flight, the overdue retrospectives and the last production change. A System includes its parts; only changes the caller may read count.",
        parameters: [
          {
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 255,
              pattern:
                '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
              description:
                'The entity itself, or for a System everything that is part of it.',
            },
            required: true,
            description:
              'The entity itself, or for a System everything that is part of it.',
            name: 'entityRef',
            in: 'query',
          },
        ],
        responses: {
          '200': {
            description: "The entity's change debt.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EntitySummary',
                },
              },
            },
          },
          '400': {
            description: 'Invalid input: one issue per bad field.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/InputErrorResponse',
                },
              },
            },
          },
          '401': {
            description: 'No valid Backstage credentials.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '403': {
            description:
              'Not a user, or refused by the permission policy or by a role or separation-of-duties rule.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/NotAllowedErrorResponse',
                },
              },
            },
          },
        },
      },
    },
    '/entities/facts': {
      get: {
        operationId: 'GetEntityFacts',
        description:
          'The delivery figures of up to 100 entities, for Tech Insights scorecards: open changes, overdue retrospectives, the change failure rate of the last 90 days and the last production change. A System includes its parts; only changes the caller may read count. Users and services may call it.',
        parameters: [
          {
            schema: {
              type: 'string',
              description:
                'Up to 100 entity refs, separated by commas. A System counts its parts too.',
            },
            required: true,
            description:
              'Up to 100 entity refs, separated by commas. A System counts its parts too.',
            name: 'entityRefs',
            in: 'query',
          },
        ],
        responses: {
          '200': {
            description: "Each entity's figures, in the order asked.",
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    asOf: {
                      type: 'string',
                      format: 'date-time',
                      description: 'The server time the figures were taken at.',
                    },
                    windowDays: {
                      type: 'integer',
                      description:
                        'How many days the production figures look back.',
                    },
                    items: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          entityRef: {
                            type: 'string',
                            description: 'The entity asked about.',
                          },
                          openChanges: {
                            type: 'integer',
                            minimum: 0,
                            description:
                              'Submitted changes that still wait on someone (not drafts, not finished).',
                          },
                          overdueRetrospectives: {
                            type: 'integer',
                            minimum: 0,
                            description:
                              'Emergencies whose retrospective was due (deploy + 48 h) and is not documented.',
                          },
                          productionChanges: {
                            type: 'integer',
                            minimum: 0,
                            description:
                              'Changes deployed to production in the last 90 days.',
                          },
                          failedChanges: {
                            type: 'integer',
                            minimum: 0,
                            description:
                              'Of those, the ones rolled back, whose post-deployment verification failed, or that an emergency names as the cause of its incident.',
                          },
                          changeFailureRate: {
                            type: 'number',
                            minimum: 0,
                            maximum: 1,
                            description:
                              'failedChanges / productionChanges, from 0 to 1; left out when nothing went to production.',
                          },
                          lastProductionChangeAt: {
                            type: 'string',
                            format: 'date-time',
                            description:
                              'The last production deploy, at any time; left out if none.',
                          },
                          daysSinceLastProductionChange: {
                            type: 'integer',
                            minimum: 0,
                            description:
                              'Whole days since that deploy; left out if none.',
                          },
                        },
                        required: [
                          'entityRef',
                          'openChanges',
                          'overdueRetrospectives',
                          'productionChanges',
                          'failedChanges',
                        ],
                        additionalProperties: false,
                      },
                    },
                  },
                  required: ['asOf', 'windowDays', 'items'],
                  additionalProperties: false,
                },
              },
            },
          },
          '400': {
            description: 'Invalid input: one issue per bad field.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/InputErrorResponse',
                },
              },
            },
          },
          '401': {
            description: 'No valid Backstage credentials.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '403': {
            description:
              'Not a user, or refused by the permission policy or by a role or separation-of-duties rule.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/NotAllowedErrorResponse',
                },
              },
            },
          },
        },
      },
    },
    '/metrics': {
      get: {
        operationId: 'GetEntityMetrics',
        description:
          "One entity's delivery figures over [from, to), at most 400 days: deployments by type and week, lead time, change failure rate, recovery time, emergencies and the change success score, each computed in the database. A System includes its parts; only changes the caller may read count. Users and services may call it.",
        parameters: [
          {
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 255,
              pattern:
                '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
              description:
                'The entity itself, or for a System everything that is part of it.',
            },
            required: true,
            description:
              'The entity itself, or for a System everything that is part of it.',
            name: 'entityRef',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              description:
                'The start of the period, inclusive. An ISO 8601 date or time.',
            },
            required: true,
            description:
              'The start of the period, inclusive. An ISO 8601 date or time.',
            name: 'from',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              description:
                'The end of the period, exclusive. An ISO 8601 date or time.',
            },
            required: true,
            description:
              'The end of the period, exclusive. An ISO 8601 date or time.',
            name: 'to',
            in: 'query',
          },
        ],
        responses: {
          '200': {
            description: "The entity's figures over the period.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EntityMetrics',
                },
              },
            },
          },
          '400': {
            description: 'Invalid input: one issue per bad field.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/InputErrorResponse',
                },
              },
            },
          },
          '401': {
            description: 'No valid Backstage credentials.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '403': {
            description:
              'Not a user, or refused by the permission policy or by a role or separation-of-duties rule.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/NotAllowedErrorResponse',
                },
              },
            },
          },
        },
      },
    },
    '/metrics/overview': {
      get: {
        operationId: 'GetMetricsOverview',
        description:
          "The CTO's overview over [from, to), at most 400 days: for every System with a change the caller may read, the figures of GET /metrics (deployments and their frequency, lead time, change failure rate, recovery time, change success score), the audit exceptions of the period (null unless the caller may read the audit) and the overdue retrospectives; and the change success score of every owning group. Users and services may call it.",
        parameters: [
          {
            schema: {
              type: 'string',
              description:
                'The start of the period, inclusive. An ISO 8601 date or time.',
            },
            required: true,
            description:
              'The start of the period, inclusive. An ISO 8601 date or time.',
            name: 'from',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              description:
                'The end of the period, exclusive. An ISO 8601 date or time.',
            },
            required: true,
            description:
              'The end of the period, exclusive. An ISO 8601 date or time.',
            name: 'to',
            in: 'query',
          },
        ],
        responses: {
          '200': {
            description: 'Every System and owning group, by ref.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    from: {
                      type: 'string',
                      format: 'date-time',
                      description: 'The start of the period, inclusive.',
                    },
                    to: {
                      type: 'string',
                      format: 'date-time',
                      description: 'The end of the period, exclusive.',
                    },
                    systems: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          systemRef: {
                            type: 'string',
                            description:
                              'The System; its changes are those of its parts.',
                          },
                          deployments: {
                            type: 'object',
                            properties: {
                              total: {
                                type: 'integer',
                                minimum: 0,
                                description:
                                  'Changes deployed to production in the period.',
                              },
                              perWeek: {
                                type: 'number',
                                minimum: 0,
                                description:
                                  'Deployment frequency: the total over the weeks of the period (its days / 7).',
                              },
                            },
                            required: ['total', 'perWeek'],
                            additionalProperties: false,
                          },
                          leadTimeHours: {
                            type: 'object',
                            properties: {
                              count: {
                                type: 'integer',
                                minimum: 0,
                                description: 'Deployed changes with a submit.',
                              },
                              median: {
                                type: ['number', 'null'],
                                description:
                                  'Hours from the first submit to the production deploy; null when there is none.',
                              },
                              p90: {
                                type: ['number', 'null'],
                                description:
                                  'The 90th percentile of those hours; null when there is none.',
                              },
                            },
                            required: ['count', 'median', 'p90'],
                            additionalProperties: false,
                            description:
                              'Of the changes deployed in the period. Percentiles interpolate between ranks, as PostgreSQL percentile_cont.',
                          },
                          changeFailureRate: {
                            type: 'object',
                            properties: {
                              deployed: {
                                type: 'integer',
                                minimum: 0,
                                description: 'Changes deployed in the period.',
                              },
                              failed: {
                                type: 'integer',
                                minimum: 0,
                                description:
                                  'Of those, rolled back, verified "No", or named by an emergency as the cause of its incident.',
                              },
                              rate: {
                                type: ['number', 'null'],
                                minimum: 0,
                                maximum: 1,
                                description:
                                  'failed / deployed; null when nothing was deployed.',
                              },
                            },
                            required: ['deployed', 'failed', 'rate'],
                            additionalProperties: false,
                          },
                          recoveryHours: {
                            type: 'object',
                            properties: {
                              count: {
                                type: 'integer',
                                minimum: 0,
                                description:
                                  'Failed changes deployed in the period that a later verified deploy on one of their entities recovered.',
                              },
                              median: {
                                type: ['number', 'null'],
                                description:
                                  'Hours from the failed deploy to the next deploy on the same entity verified "Yes" and not rolled back; null when there is none.',
                              },
                            },
                            required: ['count', 'median'],
                            additionalProperties: false,
                          },
                          score: {
                            type: 'object',
                            properties: {
                              total: {
                                type: 'number',
                                description:
                                  'The change success score of the changes deployed in the period (see the README for the weights).',
                              },
                              perWeek: {
                                type: 'array',
                                items: {
                                  type: 'object',
                                  properties: {
                                    weekStart: {
                                      type: 'string',
                                      format: 'date',
                                      description:
                                        'The Monday the week starts on (UTC), yyyy-mm-dd.',
                                    },
                                    score: {
                                      type: 'number',
                                      description:
                                        'Of the changes deployed that week.',
                                    },
                                  },
                                  required: ['weekStart', 'score'],
                                  additionalProperties: false,
                                },
                                description:
                                  'Every week the period touches, oldest first.',
                              },
                            },
                            required: ['total', 'perWeek'],
                            additionalProperties: false,
                          },
                          exceptions: {
                            type: ['integer', 'null'],
                            minimum: 0,
                            description:
                              'Audit exceptions of the period on its changes, as GET /audit/exceptions lists them; null when the caller may not read the audit.',
                          },
                          overdue: {
                            type: 'integer',
                            minimum: 0,
                            description:
                              'Emergencies whose retrospective is past due now, as the portal counts them.',
                          },
                        },
                        required: [
                          'systemRef',
                          'deployments',
                          'leadTimeHours',
                          'changeFailureRate',
                          'recoveryHours',
                          'score',
                          'exceptions',
                          'overdue',
                        ],
                        additionalProperties: false,
                      },
                      description:
                        'Every System with a change the caller may read, deployed in the period or not, by ref.',
                    },
                    groups: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          ownerRef: {
                            type: 'string',
                            description:
                              'The owner of an affected entity, as recorded when the change was raised or last edited.',
                          },
                          score: {
                            type: 'object',
                            properties: {
                              total: {
                                type: 'number',
                                description:
                                  'The change success score of the changes deployed in the period (see the README for the weights).',
                              },
                              perWeek: {
                                type: 'array',
                                items: {
                                  type: 'object',
                                  properties: {
                                    weekStart: {
                                      type: 'string',
                                      format: 'date',
                                      description:
                                        'The Monday the week starts on (UTC), yyyy-mm-dd.',
                                    },
                                    score: {
                                      type: 'number',
                                      description:
                                        'Of the changes deployed that week.',
                                    },
                                  },
                                  required: ['weekStart', 'score'],
                                  additionalProperties: false,
                                },
                                description:
                                  'Every week the period touches, oldest first.',
                              },
                            },
                            required: ['total', 'perWeek'],
                            additionalProperties: false,
                          },
                        },
                        required: ['ownerRef', 'score'],
                        additionalProperties: false,
                      },
                      description:
                        'Every owning group of such a change, by ref.',
                    },
                  },
                  required: ['from', 'to', 'systems', 'groups'],
                  additionalProperties: false,
                  description:
                    'Over [from, to): only the changes the caller may read count; a change counts for each System and group it touches.',
                },
              },
            },
          },
          '400': {
            description: 'Invalid input: one issue per bad field.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/InputErrorResponse',
                },
              },
            },
          },
          '401': {
            description: 'No valid Backstage credentials.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '403': {
            description:
              'Not a user, or refused by the permission policy or by a role or separation-of-duties rule.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/NotAllowedErrorResponse',
                },
              },
            },
          },
        },
      },
    },
    '/export': {
      get: {
        operationId: 'ExportChangeLog',
        description: 'The SOP change log of the changes raised in [from, to).',
        parameters: [
          {
            schema: {
              type: 'string',
              description:
                'The start of the range, inclusive; with `to`, or neither for every change. An ISO 8601 date or time.',
            },
            required: false,
            description:
              'The start of the range, inclusive; with `to`, or neither for every change. An ISO 8601 date or time.',
            name: 'from',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              description:
                'The end of the range, exclusive; with `from`, or neither for every change. An ISO 8601 date or time.',
            },
            required: false,
            description:
              'The end of the range, exclusive; with `from`, or neither for every change. An ISO 8601 date or time.',
            name: 'to',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              enum: ['csv', 'json'],
              default: 'csv',
            },
            required: false,
            name: 'format',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              maxLength: 255,
              pattern:
                '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
              description:
                'The entity itself, or for a System everything that is part of it.',
            },
            required: false,
            description:
              'The entity itself, or for a System everything that is part of it.',
            name: 'entityRef',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              description: 'One state, or several separated by commas.',
            },
            required: false,
            description: 'One state, or several separated by commas.',
            name: 'state',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              enum: ['standard', 'emergency', 'infrastructure'],
              description:
                'The SOP category; emergency changes follow their own state machine.',
            },
            required: false,
            description:
              'The SOP category; emergency changes follow their own state machine.',
            name: 'type',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              maxLength: 200,
              pattern:
                '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
              description:
                'Changes whose title contains this text, ignoring case.',
            },
            required: false,
            description:
              'Changes whose title contains this text, ignoring case.',
            name: 'q',
            in: 'query',
          },
        ],
        responses: {
          '200': {
            description: 'One row per change, with the SOP columns.',
            content: {
              'text/csv': {
                schema: {
                  type: 'string',
                },
              },
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ChangeLogExport',
                },
              },
            },
          },
          '400': {
            description: 'Invalid input: one issue per bad field.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/InputErrorResponse',
                },
              },
            },
          },
          '401': {
            description: 'No valid Backstage credentials.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '403': {
            description:
              'Not a user, or refused by the permission policy or by a role or separation-of-duties rule.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/NotAllowedErrorResponse',
                },
              },
            },
          },
        },
      },
    },
    '/audit/sample': {
      get: {
        operationId: 'SampleAuditEvidence',
        description:
          'A reproducible random sample of the changes deployed to production in [from, to), optionally of one entity (a System with its parts), each with its evidence. Needs `change-management.audit.read`.',
        parameters: [
          {
            schema: {
              type: 'string',
              description:
                'The start of the period, inclusive. An ISO 8601 date or time.',
            },
            required: true,
            description:
              'The start of the period, inclusive. An ISO 8601 date or time.',
            name: 'from',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              description:
                'The end of the period, exclusive. An ISO 8601 date or time.',
            },
            required: true,
            description:
              'The end of the period, exclusive. An ISO 8601 date or time.',
            name: 'to',
            in: 'query',
          },
          {
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 200,
              default: 25,
              description: 'How many changes to draw.',
            },
            required: false,
            description: 'How many changes to draw.',
            name: 'size',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              maxLength: 255,
              pattern:
                '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
              description:
                'The entity itself, or for a System everything that is part of it.',
            },
            required: false,
            description:
              'The entity itself, or for a System everything that is part of it.',
            name: 'entityRef',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              maxLength: 100,
              pattern:
                '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
              description:
                'The same seed and period draw the same sample; a random one by default, returned in the answer.',
            },
            required: false,
            description:
              'The same seed and period draw the same sample; a random one by default, returned in the answer.',
            name: 'seed',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              enum: ['json', 'zip'],
              default: 'json',
            },
            required: false,
            name: 'format',
            in: 'query',
          },
        ],
        responses: {
          '200': {
            description:
              'The sample: as JSON, or as a zip with one folder per change (change.json, events.csv, evidence.html).',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    from: {
                      type: 'string',
                      format: 'date-time',
                      description: 'The start of the period.',
                    },
                    to: {
                      type: 'string',
                      format: 'date-time',
                      description: 'The end of the period.',
                    },
                    seed: {
                      type: 'string',
                      description: 'Pass it again to draw the same sample.',
                    },
                    entityRef: {
                      type: 'string',
                      description:
                        'The entity the sample was drawn from, if any.',
                    },
                    population: {
                      type: 'integer',
                      description:
                        'How many production changes the period holds.',
                    },
                    items: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          change: {
                            $ref: '#/components/schemas/Change',
                          },
                          events: {
                            type: 'array',
                            items: {
                              $ref: '#/components/schemas/ChangeEvent',
                            },
                            description: 'Oldest first.',
                          },
                          duties: {
                            type: 'object',
                            properties: {
                              author: {
                                type: 'string',
                              },
                              reviewed: {
                                type: 'object',
                                properties: {
                                  by: {
                                    type: 'string',
                                    description:
                                      'Who did it (a user entity ref).',
                                  },
                                  at: {
                                    type: 'string',
                                    format: 'date-time',
                                    description: 'When, ISO 8601.',
                                  },
                                  isAuthor: {
                                    type: 'boolean',
                                    description:
                                      'Whether they raised the change themselves.',
                                  },
                                },
                                required: ['by', 'at', 'isAuthor'],
                                additionalProperties: false,
                              },
                              reviewWaived: {
                                type: 'object',
                                properties: {
                                  by: {
                                    type: 'string',
                                    description:
                                      'Who did it (a user entity ref).',
                                  },
                                  at: {
                                    type: 'string',
                                    format: 'date-time',
                                    description: 'When, ISO 8601.',
                                  },
                                  reason: {
                                    type: 'string',
                                  },
                                },
                                required: ['by', 'at', 'reason'],
                                additionalProperties: false,
                              },
                              approved: {
                                type: 'object',
                                properties: {
                                  by: {
                                    type: 'string',
                                    description:
                                      'Who did it (a user entity ref).',
                                  },
                                  at: {
                                    type: 'string',
                                    format: 'date-time',
                                    description: 'When, ISO 8601.',
                                  },
                                  isAuthor: {
                                    type: 'boolean',
                                    description:
                                      'Whether they raised the change themselves.',
                                  },
                                },
                                required: ['by', 'at', 'isAuthor'],
                                additionalProperties: false,
                              },
                              signedOff: {
                                type: 'object',
                                properties: {
                                  by: {
                                    type: 'string',
                                    description:
                                      'Who did it (a user entity ref).',
                                  },
                                  at: {
                                    type: 'string',
                                    format: 'date-time',
                                    description: 'When, ISO 8601.',
                                  },
                                  isAuthor: {
                                    type: 'boolean',
                                    description:
                                      'Whether they raised the change themselves.',
                                  },
                                },
                                required: ['by', 'at', 'isAuthor'],
                                additionalProperties: false,
                              },
                              separated: {
                                type: 'boolean',
                                description:
                                  'Nobody reviewed, approved or signed off their own change.',
                              },
                            },
                            required: ['author', 'separated'],
                            additionalProperties: false,
                          },
                          staging: {
                            type: 'object',
                            properties: {
                              tested: {
                                type: 'string',
                                description: 'yes, no, n/a, or empty.',
                              },
                              recorded: {
                                type: 'object',
                                properties: {
                                  by: {
                                    type: 'string',
                                    description:
                                      'Who did it (a user entity ref).',
                                  },
                                  at: {
                                    type: 'string',
                                    format: 'date-time',
                                    description: 'When, ISO 8601.',
                                  },
                                  fields: {
                                    $ref: '#/components/schemas/ChangeEventFields',
                                  },
                                },
                                required: ['by', 'at', 'fields'],
                                additionalProperties: false,
                                description:
                                  'The last record-staging event: who, when, the checks.',
                              },
                            },
                            required: ['tested'],
                            additionalProperties: false,
                          },
                          deploy: {
                            type: 'object',
                            properties: {
                              by: {
                                type: 'string',
                                description: 'Who did it (a user entity ref).',
                              },
                              at: {
                                type: 'string',
                                format: 'date-time',
                                description: 'When, ISO 8601.',
                              },
                              deploymentRef: {
                                type: 'string',
                              },
                            },
                            required: ['by', 'at'],
                            additionalProperties: false,
                          },
                          verification: {
                            type: 'object',
                            properties: {
                              result: {
                                type: 'string',
                                description:
                                  'yes, no, or empty if never verified.',
                              },
                              verified: {
                                $ref: '#/components/schemas/ChangeSignature',
                              },
                              issuesEncountered: {
                                type: 'string',
                              },
                            },
                            required: ['result', 'issuesEncountered'],
                            additionalProperties: false,
                          },
                          retrospective: {
                            type: 'object',
                            properties: {
                              dueAt: {
                                type: 'string',
                              },
                              documented: {
                                $ref: '#/components/schemas/ChangeSignature',
                              },
                              late: {
                                type: 'boolean',
                              },
                              hoursAfterDeploy: {
                                type: 'number',
                              },
                              whatChanged: {
                                type: 'string',
                              },
                              why: {
                                type: 'string',
                              },
                              approvalReceived: {
                                type: 'string',
                              },
                            },
                            required: [
                              'late',
                              'whatChanged',
                              'why',
                              'approvalReceived',
                            ],
                            additionalProperties: false,
                            description: 'Emergency only.',
                          },
                          pullRequest: {
                            type: 'array',
                            items: {
                              type: 'object',
                              properties: {
                                by: {
                                  type: 'string',
                                  description:
                                    'Who did it (a user entity ref).',
                                },
                                at: {
                                  type: 'string',
                                  format: 'date-time',
                                  description: 'When, ISO 8601.',
                                },
                                action: {
                                  type: 'string',
                                  enum: [
                                    'create',
                                    'edit',
                                    'submit',
                                    'review',
                                    'request-changes',
                                    'waive-review',
                                    'return-to-review',
                                    'approve',
                                    'reject',
                                    'record-staging',
                                    'sign-off',
                                    'deploy',
                                    'verify',
                                    'roll-back',
                                    'document-retrospective',
                                    'complete-review',
                                    'cancel',
                                    'reminder-sent',
                                    'retrospective-overdue',
                                    'verification-overdue',
                                  ],
                                  description:
                                    '`create`, the workflow action taken, or what the plugin recorded itself (a reminder, an escalation).',
                                },
                                snapshot: {
                                  type: 'object',
                                  properties: {
                                    url: {
                                      type: 'string',
                                    },
                                    repository: {
                                      type: 'string',
                                      description: 'owner/name',
                                    },
                                    number: {
                                      type: 'integer',
                                    },
                                    title: {
                                      type: 'string',
                                    },
                                    state: {
                                      type: 'string',
                                      enum: ['open', 'merged', 'closed'],
                                    },
                                    author: {
                                      type: 'string',
                                      description:
                                        "The author's login on the code host.",
                                    },
                                    headSha: {
                                      type: 'string',
                                    },
                                    mergeSha: {
                                      type: ['string', 'null'],
                                      description:
                                        'The merge commit; null unless merged.',
                                    },
                                    mergedAt: {
                                      type: ['string', 'null'],
                                      format: 'date-time',
                                      description: 'When it was merged.',
                                    },
                                    approvals: {
                                      type: 'array',
                                      items: {
                                        type: 'object',
                                        properties: {
                                          reviewer: {
                                            type: 'string',
                                            description:
                                              "The reviewer's login on the code host.",
                                          },
                                          at: {
                                            type: 'string',
                                            format: 'date-time',
                                            description:
                                              'When the approving review was submitted.',
                                          },
                                        },
                                        required: ['reviewer', 'at'],
                                        additionalProperties: false,
                                      },
                                      description:
                                        "Each reviewer's latest review, where it approves; the author's own reviews do not count.",
                                    },
                                    checks: {
                                      type: 'array',
                                      items: {
                                        type: 'object',
                                        properties: {
                                          name: {
                                            type: 'string',
                                          },
                                          status: {
                                            type: 'string',
                                            description:
                                              'queued, in_progress or completed, as the code host says.',
                                          },
                                          conclusion: {
                                            type: ['string', 'null'],
                                            description:
                                              'success, failure, neutral, … ; null until completed.',
                                          },
                                          at: {
                                            type: ['string', 'null'],
                                            format: 'date-time',
                                            description:
                                              'When it completed, or else started.',
                                          },
                                        },
                                        required: [
                                          'name',
                                          'status',
                                          'conclusion',
                                          'at',
                                        ],
                                        additionalProperties: false,
                                      },
                                      description:
                                        'The check runs on the head commit.',
                                    },
                                    readAt: {
                                      type: 'string',
                                      format: 'date-time',
                                      description:
                                        'When the snapshot was read.',
                                    },
                                  },
                                  required: [
                                    'url',
                                    'repository',
                                    'number',
                                    'title',
                                    'state',
                                    'author',
                                    'headSha',
                                    'mergeSha',
                                    'mergedAt',
                                    'approvals',
                                    'checks',
                                    'readAt',
                                  ],
                                  additionalProperties: false,
                                },
                                warnings: {
                                  type: 'array',
                                  items: {
                                    type: 'object',
                                    properties: {
                                      code: {
                                        type: 'string',
                                        enum: [
                                          'repository-not-affected',
                                          'not-merged',
                                          'failing-checks',
                                          'pending-checks',
                                          'no-approval',
                                          'commit-mismatch',
                                        ],
                                      },
                                      message: {
                                        type: 'string',
                                      },
                                    },
                                    required: ['code', 'message'],
                                    additionalProperties: false,
                                  },
                                },
                              },
                              required: [
                                'by',
                                'at',
                                'action',
                                'snapshot',
                                'warnings',
                              ],
                              additionalProperties: false,
                            },
                            description:
                              'The linked pull request as it was at each review, approval, sign-off and deploy, from their events, with what it lacked; absent when no event recorded one.',
                          },
                        },
                        required: [
                          'change',
                          'events',
                          'duties',
                          'staging',
                          'verification',
                        ],
                        additionalProperties: false,
                      },
                      description: 'In deploy order.',
                    },
                  },
                  required: ['from', 'to', 'seed', 'population', 'items'],
                  additionalProperties: false,
                },
              },
              'application/zip': {
                schema: {
                  type: 'string',
                  format: 'binary',
                },
              },
            },
          },
          '400': {
            description: 'Invalid input: one issue per bad field.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/InputErrorResponse',
                },
              },
            },
          },
          '401': {
            description: 'No valid Backstage credentials.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '403': {
            description:
              'Not a user, or refused by the permission policy or by a role or separation-of-duties rule.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/NotAllowedErrorResponse',
                },
              },
            },
          },
        },
      },
    },
    '/audit/evidence/{id}': {
      get: {
        operationId: 'GetAuditEvidence',
        description:
          "One change's evidence packet: the page of the sample's zip (evidence.html), with names and times for people, or the evidence as JSON. Needs `change-management.audit.read` and the change's read permission.",
        parameters: [
          {
            schema: {
              type: 'string',
              description: 'The id of the change.',
            },
            required: true,
            description: 'The id of the change.',
            name: 'id',
            in: 'path',
          },
          {
            schema: {
              type: 'string',
              enum: ['html', 'json'],
              default: 'html',
              description:
                'html: the printable page (evidence.html of the sample zip); json: the evidence as data.',
            },
            required: false,
            description:
              'html: the printable page (evidence.html of the sample zip); json: the evidence as data.',
            name: 'format',
            in: 'query',
          },
        ],
        responses: {
          '200': {
            description:
              'The printable page, self-contained and without script; or the evidence as JSON.',
            content: {
              'text/html': {
                schema: {
                  type: 'string',
                },
              },
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    change: {
                      $ref: '#/components/schemas/Change',
                    },
                    events: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/ChangeEvent',
                      },
                      description: 'Oldest first.',
                    },
                    duties: {
                      type: 'object',
                      properties: {
                        author: {
                          type: 'string',
                        },
                        reviewed: {
                          type: 'object',
                          properties: {
                            by: {
                              type: 'string',
                              description: 'Who did it (a user entity ref).',
                            },
                            at: {
                              type: 'string',
                              format: 'date-time',
                              description: 'When, ISO 8601.',
                            },
                            isAuthor: {
                              type: 'boolean',
                              description:
                                'Whether they raised the change themselves.',
                            },
                          },
                          required: ['by', 'at', 'isAuthor'],
                          additionalProperties: false,
                        },
                        reviewWaived: {
                          type: 'object',
                          properties: {
                            by: {
                              type: 'string',
                              description: 'Who did it (a user entity ref).',
                            },
                            at: {
                              type: 'string',
                              format: 'date-time',
                              description: 'When, ISO 8601.',
                            },
                            reason: {
                              type: 'string',
                            },
                          },
                          required: ['by', 'at', 'reason'],
                          additionalProperties: false,
                        },
                        approved: {
                          type: 'object',
                          properties: {
                            by: {
                              type: 'string',
                              description: 'Who did it (a user entity ref).',
                            },
                            at: {
                              type: 'string',
                              format: 'date-time',
                              description: 'When, ISO 8601.',
                            },
                            isAuthor: {
                              type: 'boolean',
                              description:
                                'Whether they raised the change themselves.',
                            },
                          },
                          required: ['by', 'at', 'isAuthor'],
                          additionalProperties: false,
                        },
                        signedOff: {
                          type: 'object',
                          properties: {
                            by: {
                              type: 'string',
                              description: 'Who did it (a user entity ref).',
                            },
                            at: {
                              type: 'string',
                              format: 'date-time',
                              description: 'When, ISO 8601.',
                            },
                            isAuthor: {
                              type: 'boolean',
                              description:
                                'Whether they raised the change themselves.',
                            },
                          },
                          required: ['by', 'at', 'isAuthor'],
                          additionalProperties: false,
                        },
                        separated: {
                          type: 'boolean',
                          description:
                            'Nobody reviewed, approved or signed off their own change.',
                        },
                      },
                      required: ['author', 'separated'],
                      additionalProperties: false,
                    },
                    staging: {
                      type: 'object',
                      properties: {
                        tested: {
                          type: 'string',
                          description: 'yes, no, n/a, or empty.',
                        },
                        recorded: {
                          type: 'object',
                          properties: {
                            by: {
                              type: 'string',
                              description: 'Who did it (a user entity ref).',
                            },
                            at: {
                              type: 'string',
                              format: 'date-time',
                              description: 'When, ISO 8601.',
                            },
                            fields: {
                              $ref: '#/components/schemas/ChangeEventFields',
                            },
                          },
                          required: ['by', 'at', 'fields'],
                          additionalProperties: false,
                          description:
                            'The last record-staging event: who, when, the checks.',
                        },
                      },
                      required: ['tested'],
                      additionalProperties: false,
                    },
                    deploy: {
                      type: 'object',
                      properties: {
                        by: {
                          type: 'string',
                          description: 'Who did it (a user entity ref).',
                        },
                        at: {
                          type: 'string',
                          format: 'date-time',
                          description: 'When, ISO 8601.',
                        },
                        deploymentRef: {
                          type: 'string',
                        },
                      },
                      required: ['by', 'at'],
                      additionalProperties: false,
                    },
                    verification: {
                      type: 'object',
                      properties: {
                        result: {
                          type: 'string',
                          description: 'yes, no, or empty if never verified.',
                        },
                        verified: {
                          $ref: '#/components/schemas/ChangeSignature',
                        },
                        issuesEncountered: {
                          type: 'string',
                        },
                      },
                      required: ['result', 'issuesEncountered'],
                      additionalProperties: false,
                    },
                    retrospective: {
                      type: 'object',
                      properties: {
                        dueAt: {
                          type: 'string',
                        },
                        documented: {
                          $ref: '#/components/schemas/ChangeSignature',
                        },
                        late: {
                          type: 'boolean',
                        },
                        hoursAfterDeploy: {
                          type: 'number',
                        },
                        whatChanged: {
                          type: 'string',
                        },
                        why: {
                          type: 'string',
                        },
                        approvalReceived: {
                          type: 'string',
                        },
                      },
                      required: [
                        'late',
                        'whatChanged',
                        'why',
                        'approvalReceived',
                      ],
                      additionalProperties: false,
                      description: 'Emergency only.',
                    },
                    pullRequest: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          by: {
                            type: 'string',
                            description: 'Who did it (a user entity ref).',
                          },
                          at: {
                            type: 'string',
                            format: 'date-time',
                            description: 'When, ISO 8601.',
                          },
                          action: {
                            type: 'string',
                            enum: [
                              'create',
                              'edit',
                              'submit',
                              'review',
                              'request-changes',
                              'waive-review',
                              'return-to-review',
                              'approve',
                              'reject',
                              'record-staging',
                              'sign-off',
                              'deploy',
                              'verify',
                              'roll-back',
                              'document-retrospective',
                              'complete-review',
                              'cancel',
                              'reminder-sent',
                              'retrospective-overdue',
                              'verification-overdue',
                            ],
                            description:
                              '`create`, the workflow action taken, or what the plugin recorded itself (a reminder, an escalation).',
                          },
                          snapshot: {
                            type: 'object',
                            properties: {
                              url: {
                                type: 'string',
                              },
                              repository: {
                                type: 'string',
                                description: 'owner/name',
                              },
                              number: {
                                type: 'integer',
                              },
                              title: {
                                type: 'string',
                              },
                              state: {
                                type: 'string',
                                enum: ['open', 'merged', 'closed'],
                              },
                              author: {
                                type: 'string',
                                description:
                                  "The author's login on the code host.",
                              },
                              headSha: {
                                type: 'string',
                              },
                              mergeSha: {
                                type: ['string', 'null'],
                                description:
                                  'The merge commit; null unless merged.',
                              },
                              mergedAt: {
                                type: ['string', 'null'],
                                format: 'date-time',
                                description: 'When it was merged.',
                              },
                              approvals: {
                                type: 'array',
                                items: {
                                  type: 'object',
                                  properties: {
                                    reviewer: {
                                      type: 'string',
                                      description:
                                        "The reviewer's login on the code host.",
                                    },
                                    at: {
                                      type: 'string',
                                      format: 'date-time',
                                      description:
                                        'When the approving review was submitted.',
                                    },
                                  },
                                  required: ['reviewer', 'at'],
                                  additionalProperties: false,
                                },
                                description:
                                  "Each reviewer's latest review, where it approves; the author's own reviews do not count.",
                              },
                              checks: {
                                type: 'array',
                                items: {
                                  type: 'object',
                                  properties: {
                                    name: {
                                      type: 'string',
                                    },
                                    status: {
                                      type: 'string',
                                      description:
                                        'queued, in_progress or completed, as the code host says.',
                                    },
                                    conclusion: {
                                      type: ['string', 'null'],
                                      description:
                                        'success, failure, neutral, … ; null until completed.',
                                    },
                                    at: {
                                      type: ['string', 'null'],
                                      format: 'date-time',
                                      description:
                                        'When it completed, or else started.',
                                    },
                                  },
                                  required: [
                                    'name',
                                    'status',
                                    'conclusion',
                                    'at',
                                  ],
                                  additionalProperties: false,
                                },
                                description:
                                  'The check runs on the head commit.',
                              },
                              readAt: {
                                type: 'string',
                                format: 'date-time',
                                description: 'When the snapshot was read.',
                              },
                            },
                            required: [
                              'url',
                              'repository',
                              'number',
                              'title',
                              'state',
                              'author',
                              'headSha',
                              'mergeSha',
                              'mergedAt',
                              'approvals',
                              'checks',
                              'readAt',
                            ],
                            additionalProperties: false,
                          },
                          warnings: {
                            type: 'array',
                            items: {
                              type: 'object',
                              properties: {
                                code: {
                                  type: 'string',
                                  enum: [
                                    'repository-not-affected',
                                    'not-merged',
                                    'failing-checks',
                                    'pending-checks',
                                    'no-approval',
                                    'commit-mismatch',
                                  ],
                                },
                                message: {
                                  type: 'string',
                                },
                              },
                              required: ['code', 'message'],
                              additionalProperties: false,
                            },
                          },
                        },
                        required: [
                          'by',
                          'at',
                          'action',
                          'snapshot',
                          'warnings',
                        ],
                        additionalProperties: false,
                      },
                      description:
                        'The linked pull request as it was at each review, approval, sign-off and deploy, from their events, with what it lacked; absent when no event recorded one.',
                    },
                  },
                  required: [
                    'change',
                    'events',
                    'duties',
                    'staging',
                    'verification',
                  ],
                  additionalProperties: false,
                },
              },
            },
          },
          '400': {
            description: 'Invalid input: one issue per bad field.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/InputErrorResponse',
                },
              },
            },
          },
          '401': {
            description: 'No valid Backstage credentials.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '403': {
            description:
              'Not a user, or refused by the permission policy or by a role or separation-of-duties rule.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/NotAllowedErrorResponse',
                },
              },
            },
          },
          '404': {
            description: 'No change with that id.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
        },
      },
    },
    '/audit/exceptions': {
      get: {
        operationId: 'ListAuditExceptions',
        description:
          'What went outside the normal workflow in [from, to), optionally of one entity (a System with its parts). Needs `change-management.audit.read`.',
        parameters: [
          {
            schema: {
              type: 'string',
              description:
                'The start of the period, inclusive. An ISO 8601 date or time.',
            },
            required: true,
            description:
              'The start of the period, inclusive. An ISO 8601 date or time.',
            name: 'from',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              description:
                'The end of the period, exclusive. An ISO 8601 date or time.',
            },
            required: true,
            description:
              'The end of the period, exclusive. An ISO 8601 date or time.',
            name: 'to',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              maxLength: 255,
              pattern:
                '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
              description:
                'The entity itself, or for a System everything that is part of it.',
            },
            required: false,
            description:
              'The entity itself, or for a System everything that is part of it.',
            name: 'entityRef',
            in: 'query',
          },
        ],
        responses: {
          '200': {
            description: 'The exceptions, oldest first.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          changeId: {
                            type: 'string',
                            format: 'uuid',
                          },
                          title: {
                            type: 'string',
                          },
                          changeType: {
                            $ref: '#/components/schemas/ChangeType',
                          },
                          kind: {
                            type: 'string',
                            enum: [
                              'waived-review',
                              'self-approval',
                              'freeze-override',
                              'late-retrospective',
                              'missing-retrospective',
                              'not-verified',
                              'failed-verification',
                              'rolled-back',
                            ],
                          },
                          at: {
                            type: 'string',
                            format: 'date-time',
                            description:
                              'When it happened (for a missing retrospective: when due).',
                          },
                          actor: {
                            type: 'string',
                            description:
                              'Who: whoever caused it, or who owes what is missing (the author).',
                          },
                          detail: {
                            type: 'string',
                            description:
                              'As recorded, with refs and ISO times: for programs.',
                          },
                          facts: {
                            type: 'object',
                            properties: {
                              window: {
                                allOf: [
                                  {
                                    $ref: '#/components/schemas/RefusalWindow',
                                  },
                                  {
                                    description:
                                      'freeze-override: the closure the emergency deployed through.',
                                  },
                                ],
                              },
                              approval: {
                                allOf: [
                                  {
                                    $ref: '#/components/schemas/ChangeSignature',
                                  },
                                  {
                                    description:
                                      'freeze-override: the CTO approval it relied on.',
                                  },
                                ],
                              },
                              dueAt: {
                                type: 'string',
                                format: 'date-time',
                                description:
                                  'late-retrospective, missing-retrospective: when it was due.',
                              },
                              documentedAt: {
                                type: 'string',
                                format: 'date-time',
                                description:
                                  'late-retrospective: when it was documented.',
                              },
                            },
                            additionalProperties: false,
                            description:
                              'What the detail is made of, to word it for people (describeException of change-management-common).',
                          },
                        },
                        required: [
                          'changeId',
                          'title',
                          'changeType',
                          'kind',
                          'at',
                          'actor',
                          'detail',
                        ],
                        additionalProperties: false,
                      },
                    },
                  },
                  required: ['items'],
                  additionalProperties: false,
                },
              },
            },
          },
          '400': {
            description: 'Invalid input: one issue per bad field.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/InputErrorResponse',
                },
              },
            },
          },
          '401': {
            description: 'No valid Backstage credentials.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '403': {
            description:
              'Not a user, or refused by the permission policy or by a role or separation-of-duties rule.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/NotAllowedErrorResponse',
                },
              },
            },
          },
        },
      },
    },
    '/audit/counts': {
      get: {
        operationId: 'CountAudit',
        description:
          'A period at a glance: the changes raised in [from, to) by type, the changes deployed to production in it and its exceptions by kind, optionally of one entity (a System with its parts). Needs `change-management.audit.read`.',
        parameters: [
          {
            schema: {
              type: 'string',
              description:
                'The start of the period, inclusive. An ISO 8601 date or time.',
            },
            required: true,
            description:
              'The start of the period, inclusive. An ISO 8601 date or time.',
            name: 'from',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              description:
                'The end of the period, exclusive. An ISO 8601 date or time.',
            },
            required: true,
            description:
              'The end of the period, exclusive. An ISO 8601 date or time.',
            name: 'to',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              maxLength: 255,
              pattern:
                '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
              description:
                'The entity itself, or for a System everything that is part of it.',
            },
            required: false,
            description:
              'The entity itself, or for a System everything that is part of it.',
            name: 'entityRef',
            in: 'query',
          },
        ],
        responses: {
          '200': {
            description: 'The counts of the period.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    from: {
                      type: 'string',
                      format: 'date-time',
                      description: 'The start of the period.',
                    },
                    to: {
                      type: 'string',
                      format: 'date-time',
                      description: 'The end of the period.',
                    },
                    entityRef: {
                      type: 'string',
                      description:
                        'The entity the counts are scoped to, if any.',
                    },
                    changes: {
                      type: 'integer',
                      description: 'Changes raised in the period.',
                    },
                    byType: {
                      type: 'object',
                      properties: {
                        standard: {
                          type: 'integer',
                        },
                        emergency: {
                          type: 'integer',
                        },
                        infrastructure: {
                          type: 'integer',
                        },
                      },
                      required: ['standard', 'emergency', 'infrastructure'],
                      additionalProperties: false,
                      description: 'Changes raised in the period, by type.',
                    },
                    productionDeploys: {
                      type: 'integer',
                      description:
                        'Changes deployed to production in the period.',
                    },
                    exceptions: {
                      type: 'object',
                      properties: {
                        'waived-review': {
                          type: 'integer',
                        },
                        'self-approval': {
                          type: 'integer',
                        },
                        'freeze-override': {
                          type: 'integer',
                        },
                        'late-retrospective': {
                          type: 'integer',
                        },
                        'missing-retrospective': {
                          type: 'integer',
                        },
                        'not-verified': {
                          type: 'integer',
                        },
                        'failed-verification': {
                          type: 'integer',
                        },
                        'rolled-back': {
                          type: 'integer',
                        },
                      },
                      required: [
                        'waived-review',
                        'self-approval',
                        'freeze-override',
                        'late-retrospective',
                        'missing-retrospective',
                        'not-verified',
                        'failed-verification',
                        'rolled-back',
                      ],
                      additionalProperties: false,
                      description: 'Exceptions of the period, by kind.',
                    },
                  },
                  required: [
                    'from',
                    'to',
                    'changes',
                    'byType',
                    'productionDeploys',
                    'exceptions',
                  ],
                  additionalProperties: false,
                },
              },
            },
          },
          '400': {
            description: 'Invalid input: one issue per bad field.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/InputErrorResponse',
                },
              },
            },
          },
          '401': {
            description: 'No valid Backstage credentials.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '403': {
            description:
              'Not a user, or refused by the permission policy or by a role or separation-of-duties rule.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/NotAllowedErrorResponse',
                },
              },
            },
          },
        },
      },
    },
    '/audit/verify': {
      get: {
        operationId: 'VerifyAuditTrail',
        description:
          'Re-computes the hash chain in seq order, compares it with every checkpoint, and checks that each change row is what its events replay to.',
        responses: {
          '200': {
            description: 'The result of re-computing the hash chain.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/AuditVerification',
                },
              },
            },
          },
          '401': {
            description: 'No valid Backstage credentials.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '403': {
            description:
              'Not a user, or refused by the permission policy or by a role or separation-of-duties rule.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/NotAllowedErrorResponse',
                },
              },
            },
          },
        },
      },
    },
    '/audit/checkpoints': {
      get: {
        operationId: 'ListChainCheckpoints',
        description:
          'The chain heads recorded by the nightly verification, newest first. Copy them elsewhere: a later verification proves that history before each was not rewritten.',
        responses: {
          '200': {
            description: 'The checkpoints, newest first.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ChainCheckpointList',
                },
              },
            },
          },
          '401': {
            description: 'No valid Backstage credentials.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '403': {
            description:
              'Not a user, or refused by the permission policy or by a role or separation-of-duties rule.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/NotAllowedErrorResponse',
                },
              },
            },
          },
        },
      },
    },
    '/conflicts': {
      get: {
        operationId: 'ListConflicts',
        description:
          'What collides with a planned window before the change exists (the raise form): open changes the caller may read whose planned window overlaps (half-open), on the same entity, the same System or one dependsOn/dependencyOf hop away, and for a standard or infrastructure change the freeze and blackouts; with the window warnings.',
        parameters: [
          {
            schema: {
              anyOf: [
                {
                  type: 'string',
                },
                {
                  type: 'array',
                  items: {
                    type: 'string',
                  },
                },
              ],
              description:
                'The affected entities: repeat it, or separate refs by commas.',
            },
            required: true,
            description:
              'The affected entities: repeat it, or separate refs by commas.',
            name: 'entityRef',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              description:
                'The planned start, inclusive. An ISO 8601 date or time.',
            },
            required: true,
            description:
              'The planned start, inclusive. An ISO 8601 date or time.',
            name: 'plannedStart',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              description:
                'The planned end, exclusive. An ISO 8601 date or time.',
            },
            required: true,
            description:
              'The planned end, exclusive. An ISO 8601 date or time.',
            name: 'plannedEnd',
            in: 'query',
          },
          {
            schema: {
              $ref: '#/components/schemas/ChangeType',
            },
            required: true,
            description:
              'The SOP category; emergency changes follow their own state machine.',
            name: 'type',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              format: 'uuid',
              description: 'A change to leave out: the one being edited.',
            },
            required: false,
            description: 'A change to leave out: the one being edited.',
            name: 'excludeId',
            in: 'query',
          },
        ],
        responses: {
          '200': {
            description: 'The conflicts and the window warnings.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    conflicts: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          id: {
                            type: ['string', 'null'],
                            format: 'uuid',
                            description:
                              'The other change; null for a freeze or blackout window.',
                          },
                          title: {
                            type: 'string',
                            description: 'The change, or the window in words.',
                          },
                          state: {
                            anyOf: [
                              {
                                $ref: '#/components/schemas/ChangeState',
                              },
                              {
                                type: 'null',
                              },
                              {
                                type: 'null',
                              },
                            ],
                            description: 'The other change; null for a window.',
                          },
                          plannedStart: {
                            type: 'string',
                            format: 'date-time',
                            description: 'Inclusive.',
                          },
                          plannedEnd: {
                            type: 'string',
                            format: 'date-time',
                            description: 'Exclusive.',
                          },
                          reason: {
                            type: 'string',
                            enum: [
                              'same-entity',
                              'same-system',
                              'dependency',
                              'freeze',
                              'blackout',
                            ],
                            description:
                              'Same entity, same System, one dependsOn/dependencyOf hop away, or a window that holds a standard or infrastructure change back.',
                          },
                        },
                        required: [
                          'id',
                          'title',
                          'state',
                          'plannedStart',
                          'plannedEnd',
                          'reason',
                        ],
                        additionalProperties: false,
                      },
                    },
                    windowWarnings: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          reason: {
                            type: 'string',
                            enum: [
                              'freeze',
                              'blackout',
                              'outside-working-hours',
                            ],
                          },
                          message: {
                            type: 'string',
                            description: 'The warning in a sentence.',
                          },
                        },
                        required: ['reason', 'message'],
                        additionalProperties: false,
                      },
                    },
                  },
                  required: ['conflicts', 'windowWarnings'],
                  additionalProperties: false,
                },
              },
            },
          },
          '400': {
            description: 'Invalid input: one issue per bad field.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/InputErrorResponse',
                },
              },
            },
          },
          '401': {
            description: 'No valid Backstage credentials.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '403': {
            description:
              'Not a user, or refused by the permission policy or by a role or separation-of-duties rule.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/NotAllowedErrorResponse',
                },
              },
            },
          },
        },
      },
    },
    '/risk': {
      get: {
        operationId: 'PreviewRisk',
        description:
          'The risk of a draft before it is saved (the raise form, issue 24): assessed exactly as a save of those entities, type, window and pull request would assess it, and written nowhere. No `risk` when the risk is off in config.',
        parameters: [
          {
            schema: {
              anyOf: [
                {
                  type: 'string',
                },
                {
                  type: 'array',
                  items: {
                    type: 'string',
                  },
                },
              ],
              description:
                'The affected entities: repeat it, or separate refs by commas.',
            },
            required: true,
            description:
              'The affected entities: repeat it, or separate refs by commas.',
            name: 'entityRef',
            in: 'query',
          },
          {
            schema: {
              $ref: '#/components/schemas/ChangeType',
            },
            required: true,
            description:
              'The SOP category; emergency changes follow their own state machine.',
            name: 'type',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              description:
                'The planned start, inclusive; with plannedEnd. An ISO 8601 date or time.',
            },
            required: false,
            description:
              'The planned start, inclusive; with plannedEnd. An ISO 8601 date or time.',
            name: 'plannedStart',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              description:
                'The planned end, exclusive; with plannedStart. An ISO 8601 date or time.',
            },
            required: false,
            description:
              'The planned end, exclusive; with plannedStart. An ISO 8601 date or time.',
            name: 'plannedEnd',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              maxLength: 2000,
              format: 'uri',
              pattern:
                '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
              description: 'Required to submit a standard change.',
            },
            required: false,
            description: 'Required to submit a standard change.',
            name: 'pullRequestUrl',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              format: 'uuid',
              description:
                'The draft being edited: left out of its own conflicts.',
            },
            required: false,
            description:
              'The draft being edited: left out of its own conflicts.',
            name: 'excludeId',
            in: 'query',
          },
        ],
        responses: {
          '200': {
            description: 'The assessment a save would store.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    risk: {
                      type: 'object',
                      properties: {
                        level: {
                          type: 'string',
                          enum: ['low', 'medium', 'high'],
                        },
                        score: {
                          type: 'number',
                          description: 'The sum of the reasons points.',
                        },
                        reasons: {
                          type: 'array',
                          items: {
                            type: 'object',
                            properties: {
                              factor: {
                                type: 'string',
                                description:
                                  'Which factor: blast-radius, criticality, lifecycle, history-failures, history-score, conflicts, freeze, near-freeze, working-hours, type, or an extra factor id.',
                              },
                              points: {
                                type: 'number',
                                description: 'What it adds to the score.',
                              },
                              message: {
                                type: 'string',
                                description: 'The reason in a sentence.',
                              },
                            },
                            required: ['factor', 'points', 'message'],
                            additionalProperties: false,
                          },
                          description: 'Highest points first.',
                        },
                        assessedAt: {
                          type: 'string',
                          format: 'date-time',
                          description: 'When the server assessed it, ISO 8601.',
                        },
                      },
                      required: ['level', 'score', 'reasons', 'assessedAt'],
                      additionalProperties: false,
                      description:
                        'Absent when config changeManagement.risk.enabled is false.',
                    },
                  },
                  additionalProperties: false,
                },
              },
            },
          },
          '400': {
            description: 'Invalid input: one issue per bad field.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/InputErrorResponse',
                },
              },
            },
          },
          '401': {
            description: 'No valid Backstage credentials.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '403': {
            description:
              'Not a user, or refused by the permission policy or by a role or separation-of-duties rule.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/NotAllowedErrorResponse',
                },
              },
            },
          },
        },
      },
    },
    '/calendar': {
      get: {
        operationId: 'GetCalendar',
        description:
          'The freeze and blackout windows of a period and the changes the caller may read planned in it or deployed to production in it. A period over 400 days is cut to 400.',
        parameters: [
          {
            schema: {
              type: 'string',
              description:
                'The start of the period, inclusive. An ISO 8601 date or time.',
            },
            required: true,
            description:
              'The start of the period, inclusive. An ISO 8601 date or time.',
            name: 'from',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              description:
                'The end of the period, exclusive; at most 400 days after from (a longer period is cut). An ISO 8601 date or time.',
            },
            required: true,
            description:
              'The end of the period, exclusive; at most 400 days after from (a longer period is cut). An ISO 8601 date or time.',
            name: 'to',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              maxLength: 255,
              pattern:
                '^(?:[^\\0\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$',
              description:
                'The entity itself, or for a System everything that is part of it.',
            },
            required: false,
            description:
              'The entity itself, or for a System everything that is part of it.',
            name: 'entityRef',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              enum: ['standard', 'emergency', 'infrastructure'],
              description:
                'The SOP category; emergency changes follow their own state machine.',
            },
            required: false,
            description:
              'The SOP category; emergency changes follow their own state machine.',
            name: 'type',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              enum: ['day'],
              description:
                'day: count the deployed changes per UTC day in `days`, and list only the planned changes not yet deployed in `changes` (a long period of a busy System holds too many deploys to list each).',
            },
            required: false,
            description:
              'day: count the deployed changes per UTC day in `days`, and list only the planned changes not yet deployed in `changes` (a long period of a busy System holds too many deploys to list each).',
            name: 'per',
            in: 'query',
          },
        ],
        responses: {
          '200': {
            description: 'The windows and the changes of the period.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    from: {
                      type: 'string',
                      format: 'date-time',
                      description: 'The start of the period, inclusive.',
                    },
                    to: {
                      type: 'string',
                      format: 'date-time',
                      description:
                        'The end of the period, exclusive (cut to 400 days).',
                    },
                    windows: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          kind: {
                            type: 'string',
                            enum: ['freeze', 'blackout', 'lockdown'],
                          },
                          start: {
                            type: 'string',
                            format: 'date-time',
                            description: 'Inclusive.',
                          },
                          end: {
                            type: 'string',
                            format: 'date-time',
                            description: 'Exclusive.',
                          },
                          title: {
                            type: 'string',
                          },
                          entityRef: {
                            type: 'string',
                            description:
                              'A blackout or a lockdown: the System or Domain it is declared on (a lockdown of everything has none).',
                          },
                        },
                        required: ['kind', 'start', 'end', 'title'],
                        additionalProperties: false,
                      },
                    },
                    changes: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          id: {
                            type: 'string',
                            format: 'uuid',
                          },
                          title: {
                            type: 'string',
                          },
                          type: {
                            $ref: '#/components/schemas/ChangeType',
                          },
                          state: {
                            $ref: '#/components/schemas/ChangeState',
                          },
                          entityRefs: {
                            type: 'array',
                            items: {
                              type: 'string',
                            },
                            description: 'The affected entities.',
                          },
                          plannedStart: {
                            type: 'string',
                            format: 'date-time',
                            description: 'Inclusive.',
                          },
                          plannedEnd: {
                            type: 'string',
                            format: 'date-time',
                            description: 'Exclusive.',
                          },
                          deployedAt: {
                            type: 'string',
                            format: 'date-time',
                            description: 'The production deploy.',
                          },
                          emergency: {
                            type: 'boolean',
                          },
                        },
                        required: [
                          'id',
                          'title',
                          'type',
                          'state',
                          'entityRefs',
                          'emergency',
                        ],
                        additionalProperties: false,
                      },
                      description:
                        'Changes the caller may read, planned in the period or deployed to production in it; with per=day, only those planned in it and not deployed.',
                    },
                    days: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          day: {
                            type: 'string',
                            pattern: '^\\d{4}-\\d{2}-\\d{2}$',
                            description:
                              'The UTC day, yyyy-mm-dd (only its part inside the period).',
                          },
                          deployed: {
                            type: 'object',
                            properties: {
                              standard: {
                                type: 'integer',
                              },
                              emergency: {
                                type: 'integer',
                              },
                              infrastructure: {
                                type: 'integer',
                              },
                            },
                            required: [
                              'standard',
                              'emergency',
                              'infrastructure',
                            ],
                            additionalProperties: false,
                          },
                        },
                        required: ['day', 'deployed'],
                        additionalProperties: false,
                      },
                      description:
                        'With per=day: each UTC day of the period on which a change the caller may read was deployed, soonest first.',
                    },
                  },
                  required: ['from', 'to', 'windows', 'changes'],
                  additionalProperties: false,
                },
              },
            },
          },
          '400': {
            description: 'Invalid input: one issue per bad field.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/InputErrorResponse',
                },
              },
            },
          },
          '401': {
            description: 'No valid Backstage credentials.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '403': {
            description:
              'Not a user, or refused by the permission policy or by a role or separation-of-duties rule.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/NotAllowedErrorResponse',
                },
              },
            },
          },
        },
      },
    },
    '/free-slot': {
      get: {
        operationId: 'FindFreeSlot',
        description:
          'The earliest window of the duration, starting within 90 days of earliestStart, with no conflict (and for a standard or infrastructure change no freeze or blackout); start and end null, with a reason, when there is none.',
        parameters: [
          {
            schema: {
              anyOf: [
                {
                  type: 'string',
                },
                {
                  type: 'array',
                  items: {
                    type: 'string',
                  },
                },
              ],
              description:
                'The affected entities: repeat it, or separate refs by commas.',
            },
            required: true,
            description:
              'The affected entities: repeat it, or separate refs by commas.',
            name: 'entityRef',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              pattern: '^\\d+$',
            },
            required: true,
            name: 'durationMinutes',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              description: 'The earliest start. An ISO 8601 date or time.',
            },
            required: true,
            description: 'The earliest start. An ISO 8601 date or time.',
            name: 'earliestStart',
            in: 'query',
          },
          {
            schema: {
              $ref: '#/components/schemas/ChangeType',
            },
            required: true,
            description:
              'The SOP category; emergency changes follow their own state machine.',
            name: 'type',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              format: 'uuid',
              description: 'A change to leave out: the one being planned.',
            },
            required: false,
            description: 'A change to leave out: the one being planned.',
            name: 'excludeId',
            in: 'query',
          },
        ],
        responses: {
          '200': {
            description: 'The slot, or why there is none.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    start: {
                      type: ['string', 'null'],
                      format: 'date-time',
                      description: 'Inclusive.',
                    },
                    end: {
                      type: ['string', 'null'],
                      format: 'date-time',
                      description: 'Exclusive.',
                    },
                    reason: {
                      type: 'string',
                      description:
                        'Why there is no slot, when start and end are null.',
                    },
                  },
                  required: ['start', 'end'],
                  additionalProperties: false,
                },
              },
            },
          },
          '400': {
            description: 'Invalid input: one issue per bad field.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/InputErrorResponse',
                },
              },
            },
          },
          '401': {
            description: 'No valid Backstage credentials.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '403': {
            description:
              'Not a user, or refused by the permission policy or by a role or separation-of-duties rule.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/NotAllowedErrorResponse',
                },
              },
            },
          },
        },
      },
    },
    '/lockdowns': {
      post: {
        operationId: 'DeclareLockdown',
        description:
          'Declares a lockdown: production closed to standard and infrastructure deploys of everything, a System or a Domain (with their parts) from start until end or until lifted; an emergency deploys through it with a recorded override. Only a holder of the CTO role may.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  entityRef: {
                    type: 'string',
                    minLength: 1,
                    description:
                      'A System or Domain ref; omit it to lock down everything.',
                  },
                  reason: {
                    type: 'string',
                    minLength: 1,
                    maxLength: 1000,
                  },
                  start: {
                    type: 'string',
                    format: 'date-time',
                  },
                  end: {
                    type: 'string',
                    format: 'date-time',
                  },
                },
                required: ['reason', 'start'],
                additionalProperties: false,
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'The lockdown.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    id: {
                      type: 'string',
                      format: 'uuid',
                    },
                    entityRef: {
                      type: 'string',
                      description:
                        'The System or Domain it covers, with their parts; absent for everything.',
                    },
                    reason: {
                      type: 'string',
                    },
                    start: {
                      type: 'string',
                      format: 'date-time',
                      description: 'Inclusive.',
                    },
                    end: {
                      type: 'string',
                      format: 'date-time',
                      description: 'Exclusive; absent until lifted.',
                    },
                    declaredBy: {
                      type: 'string',
                    },
                    declaredAt: {
                      type: 'string',
                      format: 'date-time',
                      description: 'When it was declared.',
                    },
                    liftedBy: {
                      type: 'string',
                    },
                    liftedAt: {
                      type: 'string',
                      format: 'date-time',
                      description: 'When the CTO lifted it; it ends there.',
                    },
                  },
                  required: [
                    'id',
                    'reason',
                    'start',
                    'declaredBy',
                    'declaredAt',
                  ],
                  additionalProperties: false,
                },
              },
            },
          },
          '400': {
            description: 'Invalid input: one issue per bad field.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/InputErrorResponse',
                },
              },
            },
          },
          '401': {
            description: 'No valid Backstage credentials.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '403': {
            description: 'The caller does not hold the CTO role.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/NotAllowedErrorResponse',
                },
              },
            },
          },
          '413': {
            description: 'The body is over the size limit.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '415': {
            description: 'The body is not JSON.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
        },
      },
      get: {
        operationId: 'ListLockdowns',
        description:
          'The lockdowns, newest start first; `active=true` keeps those in force now, `entityRef` those covering that entity (everything, its System or its Domain).',
        parameters: [
          {
            schema: {
              type: 'string',
              enum: ['true', 'false'],
              description: '`true`: only those in force now.',
            },
            required: false,
            description: '`true`: only those in force now.',
            name: 'active',
            in: 'query',
          },
          {
            schema: {
              type: 'string',
              description:
                'Only those covering this entity: everything, its System or its Domain.',
            },
            required: false,
            description:
              'Only those covering this entity: everything, its System or its Domain.',
            name: 'entityRef',
            in: 'query',
          },
        ],
        responses: {
          '200': {
            description: 'The lockdowns.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          id: {
                            type: 'string',
                            format: 'uuid',
                          },
                          entityRef: {
                            type: 'string',
                            description:
                              'The System or Domain it covers, with their parts; absent for everything.',
                          },
                          reason: {
                            type: 'string',
                          },
                          start: {
                            type: 'string',
                            format: 'date-time',
                            description: 'Inclusive.',
                          },
                          end: {
                            type: 'string',
                            format: 'date-time',
                            description: 'Exclusive; absent until lifted.',
                          },
                          declaredBy: {
                            type: 'string',
                          },
                          declaredAt: {
                            type: 'string',
                            format: 'date-time',
                            description: 'When it was declared.',
                          },
                          liftedBy: {
                            type: 'string',
                          },
                          liftedAt: {
                            type: 'string',
                            format: 'date-time',
                            description:
                              'When the CTO lifted it; it ends there.',
                          },
                        },
                        required: [
                          'id',
                          'reason',
                          'start',
                          'declaredBy',
                          'declaredAt',
                        ],
                        additionalProperties: false,
                      },
                    },
                    canDeclare: {
                      type: 'boolean',
                      description:
                        'Whether the caller holds the CTO role, and so may declare and lift a lockdown.',
                    },
                  },
                  required: ['items', 'canDeclare'],
                  additionalProperties: false,
                },
              },
            },
          },
          '400': {
            description: 'Invalid input: one issue per bad field.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/InputErrorResponse',
                },
              },
            },
          },
          '401': {
            description: 'No valid Backstage credentials.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '403': {
            description:
              'Not a user, or refused by the permission policy or by a role or separation-of-duties rule.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/NotAllowedErrorResponse',
                },
              },
            },
          },
        },
      },
    },
    '/lockdowns/{id}/lift': {
      post: {
        operationId: 'LiftLockdown',
        description: 'Lifts a lockdown now. Only a holder of the CTO role may.',
        parameters: [
          {
            schema: {
              type: 'string',
              description: 'The id of the lockdown.',
            },
            required: true,
            description: 'The id of the lockdown.',
            name: 'id',
            in: 'path',
          },
        ],
        responses: {
          '200': {
            description: 'The lifted lockdown.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    id: {
                      type: 'string',
                      format: 'uuid',
                    },
                    entityRef: {
                      type: 'string',
                      description:
                        'The System or Domain it covers, with their parts; absent for everything.',
                    },
                    reason: {
                      type: 'string',
                    },
                    start: {
                      type: 'string',
                      format: 'date-time',
                      description: 'Inclusive.',
                    },
                    end: {
                      type: 'string',
                      format: 'date-time',
                      description: 'Exclusive; absent until lifted.',
                    },
                    declaredBy: {
                      type: 'string',
                    },
                    declaredAt: {
                      type: 'string',
                      format: 'date-time',
                      description: 'When it was declared.',
                    },
                    liftedBy: {
                      type: 'string',
                    },
                    liftedAt: {
                      type: 'string',
                      format: 'date-time',
                      description: 'When the CTO lifted it; it ends there.',
                    },
                  },
                  required: [
                    'id',
                    'reason',
                    'start',
                    'declaredBy',
                    'declaredAt',
                  ],
                  additionalProperties: false,
                },
              },
            },
          },
          '400': {
            description: 'Invalid input: one issue per bad field.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/InputErrorResponse',
                },
              },
            },
          },
          '401': {
            description: 'No valid Backstage credentials.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '403': {
            description: 'The caller does not hold the CTO role.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/NotAllowedErrorResponse',
                },
              },
            },
          },
          '404': {
            description: 'No lockdown with that id.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
          '409': {
            description: 'It was lifted already.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorResponse',
                },
              },
            },
          },
        },
      },
    },
  },
  webhooks: {},
} as const;

export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);
