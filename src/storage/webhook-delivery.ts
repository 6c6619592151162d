// One delivery attempt: check the target, sign, POST without following redirects, classify.
import { checkTarget, type TargetPolicy } from '../http/network-policy.js';
import { signatureHeader } from '../observe/signature.js';

export const ATTEMPT_TIMEOUT_MS = 10_000;

export interface AttemptOutcome {
  ok: boolean;
  statusCode?: number;
  /** Why it failed, in words that never quote the URL or the secret. */
  error?: string;
  durationMs: number;
}

export interface DeliveryRequest {
  url: string;
  secret: string;
  eventId: string;
  eventType: string;
  deliveryId: string;
  body: string;
}

export async function attemptDelivery(req: DeliveryRequest, policy: TargetPolicy): Promise<AttemptOutcome> {
  const started = Date.now();
  const done = (o: Omit<AttemptOutcome, 'durationMs'>): AttemptOutcome => ({ ...o, durationMs: Date.now() - started });
  // Checked at every attempt: a name may start pointing somewhere else after the webhook was created.
  const target = await checkTarget(req.url, policy);
  if (!target.ok) return done({ ok: false, error: `target refused: ${target.reason}` });
  let res: Response;
  try {
    res = await fetch(target.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Cordon-Webhooks/1',
        'cordon-event-id': req.eventId,
        'cordon-event-type': req.eventType,
        'cordon-delivery-id': req.deliveryId,
        'cordon-signature': await signatureHeader(req.secret, req.body, Math.floor(Date.now() / 1000)),
      },
      body: req.body,
    });
  } catch (e) {
    const name = e instanceof Error ? e.name : '';
    return done({ ok: false, error: name === 'TimeoutError' || name === 'AbortError' ? `timed out after ${ATTEMPT_TIMEOUT_MS} ms` : 'network error' });
  }
  // The receiver's body is not needed; release the connection.
  await res.body?.cancel().catch(() => undefined);
  if (res.status >= 200 && res.status < 300) return done({ ok: true, statusCode: res.status });
  if (res.status >= 300 && res.status < 400) return done({ ok: false, statusCode: res.status, error: 'redirects are not followed' });
  return done({ ok: false, statusCode: res.status, error: `HTTP ${res.status}` });
}
