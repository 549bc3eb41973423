/** Complete drafts of each type, ready to submit. */
export const drafts = {
  standard: {
    type: 'standard',
    title: 'Upgrade the PSP SDK to v5',
    description: 'Moves payments-service to PSP SDK v5 for 3DS2 support.',
    risks: 'Refund calls change shape; a mistake could fail refunds.',
    testingNotes: 'Unit tests and a local run against the PSP sandbox.',
    pullRequestUrl: 'https://github.com/acme/payments-service/pull/42',
    affectedEntityRefs: ['component:default/payments-service'],
  },
  infrastructure: {
    type: 'infrastructure',
    title: 'Rotate the payments-db TLS certificate',
    description: 'The certificate expires next month.',
    risks: 'Clients pinning the old certificate would fail to connect.',
    testingNotes: 'Rotated the staging certificate first.',
    affectedEntityRefs: ['resource:default/payments-db'],
  },
  emergency: {
    type: 'emergency',
    title: 'Hotfix: refunds failing with 500',
    description: 'A null currency crashes the refund handler.',
    risks: 'Minimal: adds a default currency.',
    testingNotes: 'Reproduced and fixed locally.',
    incident: { ref: 'INC-1042', severity: 'P1' },
    proposedFix: 'Default the currency to the order currency.',
    affectedEntityRefs: ['component:default/payments-service'],
  },
};

/** Valid fields for every action, so a refusal is about state or role. */
export const actionFields: Record<string, Record<string, unknown>> = {
  edit: {
    title: 'Edited title',
    affectedEntityRefs: ['component:default/payments-service'],
  },
  submit: {},
  review: { comment: 'Looks good' },
  'request-changes': { comment: 'Please add a rollback plan' },
  'waive-review': { reason: 'Only engineer on call' },
  approve: { comment: 'Approved' },
  reject: { comment: 'Not now' },
  'record-staging': {
    functionalTested: true,
    regressionChecked: true,
    noUnexpectedSideEffects: true,
    stagingTested: 'yes',
  },
  'sign-off': { comment: 'Go' },
  deploy: { deploymentRef: 'https://ci.example.com/runs/7' },
  verify: { postDeploymentVerified: 'yes', issuesEncountered: '' },
  'roll-back': { reason: 'Error rate rose' },
  'document-retrospective': {
    whatChanged: 'Defaulted the refund currency',
    why: 'INC-1042: refunds failed with 500',
    approvalReceived: 'carol approved on the incident call',
  },
  'complete-review': {
    preventable: 'yes',
    notes: 'A contract test on the refund payload would have caught it',
  },
  cancel: { reason: 'Superseded' },
};
