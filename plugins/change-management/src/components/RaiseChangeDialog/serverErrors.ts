/**
 * The backend answers a bad request with one message naming each field:
 * "Invalid request: title: Title is required; pullRequestUrl: ...". This
 * splits it so each message can stand beside its field; what names no
 * field stays general.
 */
export function splitServerErrors(message: string): {
  fields: Record<string, string>;
  general?: string;
} {
  const prefix = 'Invalid request: ';
  if (!message.startsWith(prefix)) {
    return { fields: {}, general: message };
  }
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const part of message.slice(prefix.length).split('; ')) {
    const match = /^([\w.]+): (.*)$/.exec(part);
    if (match) {
      fields[match[1].split('.')[0]] = match[2];
    } else {
      rest.push(part);
    }
  }
  return { fields, general: rest.length ? rest.join('; ') : undefined };
}
