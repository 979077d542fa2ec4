/**
 * The reference page: an OpenAPI 3.1 document as one self-contained HTML page (inline
 * CSS, no scripts): operations grouped by tag with their parameters, bodies and
 * responses, then every named schema as a table of fields. Everything from the document
 * is HTML-escaped.
 */

type Json = Record<string, unknown>;

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2433;background:#fff}
main{max-width:980px;margin:0 auto;padding:24px}
h1{margin:0 0 8px}h2{margin-top:40px;border-bottom:2px solid #e4e7ee;padding-bottom:4px}
h3{margin:0;font-size:15px;font-weight:600}
nav ul{columns:2;padding-left:18px}
section.op{border:1px solid #e4e7ee;border-radius:8px;padding:12px 16px;margin:12px 0}
.m{display:inline-block;min-width:58px;text-align:center;border-radius:4px;padding:1px 6px;
color:#fff;font:600 12px/1.6 ui-monospace,monospace;margin-right:8px}
.get{background:#2b6cb0}.post{background:#2f855a}.patch{background:#b7791f}
.put{background:#6b46c1}.delete{background:#c53030}
code,.path{font-family:ui-monospace,monospace;font-size:13px}
table{border-collapse:collapse;width:100%;margin:6px 0}
th,td{text-align:left;border-bottom:1px solid #eef0f4;padding:4px 6px;vertical-align:top}
th{font-size:12px;text-transform:uppercase;color:#5a6478}
.muted{color:#5a6478}.access{float:right;font-size:12px;color:#5a6478}
`;

export function escapeHtml(text: unknown): string {
  return String(text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function anchor(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, '-');
}

/** A schema in a few words: `string`, `integer | null`, `array of Payment`, `one of a, b`. */
export function typeOf(schema: unknown): string {
  if (!schema || typeof schema !== 'object') return 'any';
  const s = schema as Json;
  if (typeof s.$ref === 'string') {
    const name = s.$ref.split('/').pop() ?? s.$ref;
    return `<a href="#schema-${anchor(name)}">${escapeHtml(name)}</a>`;
  }
  if (Array.isArray(s.enum))
    return `one of ${s.enum.map((v) => `<code>${escapeHtml(JSON.stringify(v))}</code>`).join(', ')}`;
  if ('const' in s) return `<code>${escapeHtml(JSON.stringify(s.const))}</code>`;
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (Array.isArray(s[key]))
      return (s[key] as unknown[]).map(typeOf).join(key === 'allOf' ? ' and ' : ' | ');
  }
  const types = Array.isArray(s.type) ? (s.type as string[]) : s.type ? [String(s.type)] : [];
  const words = types.map((t) => {
    if (t === 'array') return `array of ${typeOf(s.items)}`;
    if (t === 'object' && !s.properties && s.additionalProperties)
      return `map of ${typeOf(s.additionalProperties)}`;
    return escapeHtml(t);
  });
  let text = words.join(' | ') || 'any';
  if (s.nullable === true) text += ' | null';
  if (typeof s.format === 'string') text += ` <span class="muted">(${escapeHtml(s.format)})</span>`;
  return text;
}

function constraints(s: Json): string {
  const parts: string[] = [];
  for (const key of [
    'minimum',
    'maximum',
    'minLength',
    'maxLength',
    'pattern',
    'default',
    'example',
  ]) {
    if (s[key] !== undefined) parts.push(`${key} ${escapeHtml(JSON.stringify(s[key]))}`);
  }
  return parts.join(', ');
}

/** The fields of an object schema as table rows (nested objects shown by their type). */
function fieldsTable(schema: unknown): string {
  const s = (schema ?? {}) as Json;
  if (s.$ref || s.type !== 'object' || !s.properties) {
    return `<p>${typeOf(schema)}</p>`;
  }
  const required = new Set((s.required as string[] | undefined) ?? []);
  const rows = Object.entries(s.properties as Record<string, Json>).map(
    ([name, field]) =>
      `<tr><td><code>${escapeHtml(name)}</code>${required.has(name) ? '' : ' <span class="muted">optional</span>'}</td>` +
      `<td>${typeOf(field)}</td><td>${escapeHtml(field.description ?? '')} <span class="muted">${constraints(field)}</span></td></tr>`,
  );
  return `<table><tr><th>field</th><th>type</th><th>notes</th></tr>${rows.join('')}</table>`;
}

function parametersTable(parameters: Json[]): string {
  if (parameters.length === 0) return '';
  const rows = parameters.map(
    (p) =>
      `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td>` +
      `<td>${typeOf(p.schema)}${p.required ? '' : ' <span class="muted">optional</span>'}</td>` +
      `<td>${escapeHtml(p.description ?? '')} <span class="muted">${constraints((p.schema ?? {}) as Json)}</span></td></tr>`,
  );
  return `<h4>Parameters</h4><table><tr><th>name</th><th>in</th><th>type</th><th>notes</th></tr>${rows.join('')}</table>`;
}

function contentOf(content: unknown): string {
  if (!content || typeof content !== 'object') return '';
  return Object.entries(content as Record<string, Json>)
    .map(
      ([type, media]) => `<div class="muted">${escapeHtml(type)}</div>${fieldsTable(media.schema)}`,
    )
    .join('');
}

function operation(method: string, path: string, op: Json): string {
  const id = anchor(`${method}-${path}`);
  const security = op.security as unknown[] | undefined;
  const access = security && security.length > 0 ? 'session + CSRF on writes' : 'public';
  const responses = Object.entries((op.responses ?? {}) as Record<string, Json>)
    .map(
      ([status, r]) =>
        `<tr><td><code>${escapeHtml(status)}</code></td><td>${escapeHtml(r.description)}${contentOf(r.content)}</td></tr>`,
    )
    .join('');
  const body = op.requestBody as Json | undefined;
  return (
    `<section class="op" id="${id}"><span class="access">${access}</span>` +
    `<h3><span class="m ${escapeHtml(method)}">${escapeHtml(method.toUpperCase())}</span><span class="path">${escapeHtml(path)}</span></h3>` +
    `<p>${escapeHtml(op.summary ?? '')}</p>${op.description ? `<p class="muted">${escapeHtml(op.description)}</p>` : ''}` +
    parametersTable((op.parameters as Json[] | undefined) ?? []) +
    (body ? `<h4>Body</h4>${contentOf(body.content)}` : '') +
    `<h4>Responses</h4><table>${responses}</table></section>`
  );
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** The whole page for a document. */
export function renderReference(document: unknown): string {
  const doc = document as Json;
  const info = (doc.info ?? {}) as Json;
  const byTag = new Map<string, string[]>();
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      const tag = ((op.tags as string[] | undefined) ?? ['other'])[0] ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), operation(method, path, op)]);
    }
  }
  const schemas = ((doc.components as Json | undefined)?.schemas ?? {}) as Record<string, unknown>;
  const toc = [...byTag.keys()].map(
    (t) => `<li><a href="#tag-${anchor(t)}">${escapeHtml(t)}</a></li>`,
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(info.title)} reference</title><style>${STYLE}</style></head><body><main>
<h1>${escapeHtml(info.title)} <span class="muted">v${escapeHtml(info.version)}</span></h1>
<p>${escapeHtml(info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${escapeHtml(doc.openapi)}).</p>
<nav><ul>${toc.join('')}<li><a href="#schemas">schemas</a></li></ul></nav>
${[...byTag].map(([tag, ops]) => `<h2 id="tag-${anchor(tag)}">${escapeHtml(tag)}</h2>${ops.join('')}`).join('\n')}
<h2 id="schemas">Schemas</h2>
${Object.entries(schemas)
  .map(
    ([name, s]) =>
      `<section class="op" id="schema-${anchor(name)}"><h3>${escapeHtml(name)}</h3>${fieldsTable(s)}</section>`,
  )
  .join('\n')}
</main></body></html>`;
}
