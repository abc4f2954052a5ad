/**
 * One bounded download for everything the registry fetches of a phase build (descriptor, manifest,
 * every listed file): a time-out, a size limit enforced while the body streams in, and failures as
 * one error type whose message says what happened. Kept in one place so that the network policy
 * (which addresses the registry may reach) applies to every download of a build.
 */

export class FetchFailure extends Error {
  override readonly name = 'FetchFailure';
}

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  accept?: string;
}

/** The body of `url` as bytes; throws `FetchFailure` naming the reason (status, time-out, size). */
export async function fetchLimited(url: string, limits: FetchLimits): Promise<Buffer> {
  let response: Response;
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    response = await fetch(url, {
      signal,
      headers: limits.accept ? { accept: limits.accept } : {},
    });
  } catch (cause) {
    throw new FetchFailure(describeNetworkError(cause, limits.timeoutMs));
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new FetchFailure(`it answered HTTP ${response.status}`);
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > limits.maxBytes) {
    await response.body?.cancel();
    throw new FetchFailure(`it is larger than ${limits.maxBytes} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body ?? []) {
      size += chunk.byteLength;
      if (size > limits.maxBytes)
        throw new FetchFailure(`it is larger than ${limits.maxBytes} bytes`);
      chunks.push(chunk);
    }
  } catch (cause) {
    await response.body?.cancel().catch(() => {});
    if (cause instanceof FetchFailure) throw cause;
    throw new FetchFailure(describeNetworkError(cause, limits.timeoutMs));
  }
  return Buffer.concat(chunks);
}

function describeNetworkError(cause: unknown, timeoutMs: number): string {
  if (cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError'))
    return `no answer within ${timeoutMs} ms`;
  const inner = (cause as { cause?: unknown })?.cause;
  if (inner instanceof Error && inner.message) return `unreachable (${inner.message})`;
  return `unreachable (${cause instanceof Error ? cause.message : String(cause)})`;
}
