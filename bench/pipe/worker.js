// The baselines of the streaming bench: a Worker that pipes the upstream model's answer through
// untouched. "Added latency" compares Cordon's proxy with this, on the same runtime and machine.
// With `x-relay: js` the same bytes pass through JavaScript instead (each chunk read and
// enqueued again, nothing parsed): what any Worker that looks at a stream pays the runtime.
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === '/ready') return new Response('ok');
    const upstream = await fetch(`${env.UPSTREAM}${url.pathname}`, { method: request.method, headers: { 'content-type': 'application/json' }, body: request.body });
    if (request.headers.get('x-relay') !== 'js') return upstream;
    const reader = upstream.body.getReader();
    const body = new ReadableStream({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason),
    });
    return new Response(body, { status: upstream.status, headers: upstream.headers });
  },
};
