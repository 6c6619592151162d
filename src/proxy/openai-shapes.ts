// What the proxy answers, in the shapes the OpenAI SDKs parse. Guardrail details travel in an
// extra `cordon` field, which the SDKs ignore and keep.

export interface OpenAiErrorInit {
  status: number;
  message: string;
  code: string;
  type?: string;
  param?: string | null;
  cordon?: unknown;
}

export function openAiError(e: OpenAiErrorInit): Response {
  const type = e.type ?? (e.status >= 500 ? 'server_error' : 'invalid_request_error');
  const body = { error: { message: e.message, type, param: e.param ?? null, code: e.code, ...(e.cordon ? { cordon: e.cordon } : {}) } };
  return Response.json(body, { status: e.status });
}

export interface CompletionIdentity {
  id: string;
  model: string;
  created: number;
}

export function completion(who: CompletionIdentity, content: string, finishReason: string, cordon: unknown, extra: Record<string, unknown> = {}) {
  return {
    id: who.id,
    object: 'chat.completion',
    created: who.created,
    model: who.model,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: finishReason }],
    ...extra,
    cordon,
  };
}

export function chunk(who: CompletionIdentity, index: number, delta: Record<string, unknown>, finishReason: string | null, cordon?: unknown) {
  return {
    id: who.id,
    object: 'chat.completion.chunk',
    created: who.created,
    model: who.model,
    choices: [{ index, delta, logprobs: null, finish_reason: finishReason }],
    ...(cordon !== undefined ? { cordon } : {}),
  };
}
