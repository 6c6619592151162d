// /docs: an interactive page over /openapi.json. Self-contained (no CDN: the network may be
// closed), so it works wherever the Worker runs. Try-it requests use the key typed into the page.
export const DOCS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Cordon API</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1a1a1a}
h1{font-size:1.4rem}details{border:1px solid #ccc;border-radius:6px;margin:.5rem 0;padding:.4rem .8rem}
summary{cursor:pointer}code,textarea,pre{font:13px ui-monospace,monospace}
.m{display:inline-block;min-width:4.2rem;font-weight:700}.get{color:#075}.post{color:#04a}.put{color:#850}.delete{color:#a00}
textarea{width:100%;min-height:8rem}pre{background:#f4f4f4;padding:.5rem;overflow:auto;max-height:24rem}
label{display:block;margin:.3rem 0}input{font:inherit;padding:.2rem}button{font:inherit;padding:.2rem .8rem}
</style></head><body>
<h1>Cordon API</h1>
<p>Generated from <a href="/openapi.json">/openapi.json</a>. Every <code>/v1</code> call needs <code>Authorization: Bearer &lt;key&gt;</code>.</p>
<label>API key <input id="key" type="password" autocomplete="off" size="48"></label>
<div id="ops">Loading…</div>
<script>
const keyInput = document.getElementById('key');
keyInput.value = sessionStorage.getItem('cordon-key') || '';
keyInput.addEventListener('change', () => sessionStorage.setItem('cordon-key', keyInput.value));
const el = (tag, attrs = {}, ...kids) => { const e = document.createElement(tag); Object.assign(e, attrs); e.append(...kids); return e; };
fetch('/openapi.json').then(r => r.json()).then(doc => {
  const root = document.getElementById('ops'); root.textContent = '';
  for (const [path, ops] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(ops)) {
    const inputs = {};
    const form = el('div');
    for (const p of op.parameters) { const i = el('input', { name: p.name }); inputs[p.name] = p; p.input = i; form.append(el('label', {}, p.name + ' (' + p.in + ') ', i)); }
    let body;
    if (op.requestBody) { body = el('textarea', { value: '{\\n}' }); form.append(el('label', {}, 'JSON body', body)); }
    const out = el('pre');
    const send = el('button', { textContent: 'Send' });
    send.onclick = async () => {
      let url = path; const q = new URLSearchParams(); const headers = { authorization: 'Bearer ' + keyInput.value };
      for (const p of op.parameters) { const v = p.input.value; if (!v) continue; if (p.in === 'path') url = url.replace('{' + p.name + '}', encodeURIComponent(v)); else if (p.in === 'query') q.set(p.name, v); else headers[p.name] = v; }
      if (body) headers['content-type'] = 'application/json';
      const res = await fetch(url + (q.size ? '?' + q : ''), { method: method.toUpperCase(), headers, body: body ? body.value : undefined });
      const text = await res.text();
      let shown = text; try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch {}
      out.textContent = res.status + ' ' + res.statusText + '\\n' + shown;
    };
    form.append(send, out);
    root.append(el('details', {}, el('summary', {}, el('span', { className: 'm ' + method, textContent: method.toUpperCase() }), el('code', { textContent: path }), ' — ' + op.summary), el('p', { textContent: op.description || '' }), form));
  }
});
</script></body></html>`;
