// A guarded stream's state as bytes for a resume token: the verdict so far as JSON, the
// inspector's snapshot in its own compact form.
import type { GuardSnapshot } from '../policy/stream-guard.js';
import { type StreamSnapshot, decodeStreamSnapshot, encodeStreamSnapshot } from '../scan/index.js';

const encoder = new TextEncoder();

/** `s.head` is the JSON of the verdict so far (GuardedStream.resumeState). */
export function encodeGuardState(s: { head: string; inspector: StreamSnapshot | null }): Uint8Array {
  const head = encoder.encode(s.head);
  const inspector = s.inspector ? encodeStreamSnapshot(s.inspector) : new Uint8Array(0);
  const out = new Uint8Array(4 + head.length + inspector.length);
  new DataView(out.buffer).setUint32(0, head.length);
  out.set(head, 4);
  out.set(inspector, 4 + head.length);
  return out;
}

/** Only ever given bytes a signed token carried: a failure here is a bug, not bad input. */
export function decodeGuardState(bytes: Uint8Array): GuardSnapshot {
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0);
  const head = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + length))) as Omit<GuardSnapshot, 'inspector'>;
  const rest = bytes.subarray(4 + length);
  return { ...head, inspector: rest.length > 0 ? decodeStreamSnapshot(rest) : null };
}
