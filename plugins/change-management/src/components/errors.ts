/**
 * What the server said, read defensively from a ResponseError or any error:
 * its status and text, for people. Refusals are told apart by their name and
 * fields with `refusalOf`, never by this text.
 */
export function describeFailure(error: unknown): {
  status?: number;
  message: string;
} {
  const e = (error ?? {}) as {
    statusCode?: number;
    status?: number;
    body?: { error?: { message?: string } };
    cause?: { message?: string };
    message?: string;
  };
  return {
    status: e.statusCode ?? e.status,
    message:
      e.body?.error?.message ?? e.cause?.message ?? e.message ?? String(error),
  };
}
