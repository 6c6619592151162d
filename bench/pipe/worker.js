// The baseline of the streaming bench: a Worker that pipes the upstream model's answer through
// untouched. "Added latency" compares Cordon's proxy with this, on the same runtime and machine.
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === '/ready') return new Response('ok');
    return fetch(`${env.UPSTREAM}${url.pathname}`, { method: request.method, headers: { 'content-type': 'application/json' }, body: request.body });
  },
};
