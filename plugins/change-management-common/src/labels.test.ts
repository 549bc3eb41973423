import { CHANGE_TYPES } from './enums';
import { EVENT_LABELS, eventLabel } from './labels';

describe('eventLabel', () => {
  it('says what a submit asks for, by the change’s type', () => {
    expect(eventLabel('submit', 'emergency')).toBe(
      'Submitted for CTO approval',
    );
    expect(eventLabel('submit', 'standard')).toBe('Submitted for peer review');
    expect(eventLabel('submit', 'infrastructure')).toBe(
      'Submitted for peer review',
    );
  });

  it('says every other event the same for every type', () => {
    for (const action of Object.keys(
      EVENT_LABELS,
    ) as (keyof typeof EVENT_LABELS)[]) {
      if (action === 'submit') continue;
      for (const type of CHANGE_TYPES) {
        expect(eventLabel(action, type)).toBe(EVENT_LABELS[action]);
      }
    }
  });
});
