import { useState } from 'react';
import { PlacedIssues } from '../issues';
import { Form, FORM_ORDER, NO_ISSUES, validate } from './draftForm';

/** What a form's last Submit or Save draft asked of it. */
type Attempt = 'submit' | 'save';

/**
 * The draft form's issues, always of the form as it is now, so none goes
 * stale: the workflow's own submit check (validate) for each input once
 * it has been left, and for every input once a submit was tried; after a
 * Save draft, only what a draft cannot hold. What the server refused stays
 * beside its input until that input changes.
 */
export function useDraftIssues(form: Form) {
  const [left, setLeft] = useState<ReadonlySet<keyof Form>>(new Set());
  const [attempt, setAttempt] = useState<Attempt>();
  const [server, setServer] = useState<PlacedIssues>(NO_ISSUES);
  const toSubmit = validate(form, true);
  const asDraft = validate(form, false);

  const errorOf = (input: keyof Form): string | undefined => {
    if (server.fields[input]) return server.fields[input];
    if (left.has(input) || attempt === 'submit') {
      return toSubmit.fields[input];
    }
    return attempt === 'save' ? asDraft.fields[input] : undefined;
  };
  const tried = attempt === 'submit' ? toSubmit : asDraft;

  return {
    errorOf,
    /** The inputs with an issue, in the form's order, with it. */
    invalid: FORM_ORDER.flatMap(input => {
      const message = errorOf(input);
      return message ? [{ input, message }] : [];
    }),
    /** What names no input of the form. */
    general: [...server.general, ...(attempt ? tried.general : [])],
    /** Whether a Submit or Save draft was tried: the summary shows then. */
    tried: attempt !== undefined,
    /** The user left an input: check it from now on. */
    leave: (input: keyof Form) =>
      setLeft(current => new Set(current).add(input)),
    /** The user changed an input: what the server said of it is gone. */
    change: (input: keyof Form) =>
      setServer(current => {
        const { [input]: _gone, ...fields } = current.fields;
        return { ...current, fields };
      }),
    /**
     * A Submit or Save draft: what the form lacks for it, now; nothing
     * when it may go to the server.
     */
    attempt: (submit: boolean): PlacedIssues => {
      setAttempt(submit ? 'submit' : 'save');
      setServer(NO_ISSUES);
      return submit ? toSubmit : asDraft;
    },
    /** The server refused it, for these reasons. */
    refused: setServer,
  };
}
