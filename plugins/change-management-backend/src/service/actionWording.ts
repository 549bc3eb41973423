import {
  eventLabel,
  nextSteps,
  ReaderWords,
  RETROSPECTIVE_DUE_WORDS,
  STATE_LABELS,
  TYPE_LABELS,
  YOUR_ACTION_LABELS,
} from '@trove/backstage-plugin-change-management-common';
import { asNotice, Wording } from './clockWording';
import { AcceptedAction, ActionNoticeKind, Payload, whereTo } from './notices';

/** A label inside a sentence: "awaiting approval". */
const lower = (label: string) => label.toLocaleLowerCase('en-US');

/**
 * What a notice of an accepted action says, and where it links: people and
 * entities by the names `words` gives them, never by their refs.
 */
export function actionPayload(
  kind: ActionNoticeKind,
  event: AcceptedAction,
  words: Pick<ReaderWords, 'name'>,
): Payload {
  const { change, action, actor } = event;
  const name = `"${change.title}"`;
  const affected = change.affectedEntityRefs.map(words.name).join(', ');
  const author = words.name(change.createdBy);
  const wordings: Record<ActionNoticeKind, () => Wording> = {
    review: () => ({
      severity: 'normal',
      title: `Change waits on your review: ${change.title}`,
      description: `${author} submitted ${name} for peer review; any engineer but the author may review it.`,
    }),
    cto: () => ({
      severity: 'high',
      title: `Change waits on the CTO: ${change.title}`,
      description: `${name} is ${lower(
        STATE_LABELS[change.state],
      )}; next: ${nextSteps(change)
        .map(step => lower(YOUR_ACTION_LABELS[step]))
        .join(' or ')}.`,
    }),
    decision: () => ({
      severity: 'normal',
      title: `Decision on your change: ${change.title}`,
      description: `${eventLabel(action, change.type)} by ${words.name(
        actor,
      )}: ${name} is now ${lower(STATE_LABELS[change.state])}.`,
    }),
    dependents: () => ({
      severity: 'low',
      title: `Deployed to something you depend on: ${change.title}`,
      description: `${name} (${lower(
        TYPE_LABELS[change.type],
      )}) was deployed to production, changing ${affected}, which an entity you own, or its System, depends on.`,
    }),
    emergency: () => ({
      severity: 'high',
      title: `Emergency change deployed: ${change.title}`,
      description: `${name} was deployed to production as an emergency, changing ${affected}. Its retrospective is due within ${RETROSPECTIVE_DUE_WORDS}.`,
    }),
  };
  return { ...asNotice(wordings[kind]()), ...whereTo(change.id) };
}
