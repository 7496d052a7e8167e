import { NotificationBody } from '@mozaic/contracts';
import { headline, facts, SEVERITY_LABEL } from './wording';
import { Renderer } from './message';

const html = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function subject(b: NotificationBody): string {
  const title = b.incident.title.replace(/[\r\n]+/g, ' ').slice(0, 150);
  return `[MOZAIC] [${SEVERITY_LABEL[b.incident.severity]}] ${headline(b)}: ${title}`;
}

/** Email: a text part and an HTML part with the same facts and a link. */
export const emailMessage: Renderer = (b, settings) => {
  const i = b.incident;
  const rows = facts(b);
  const text = [
    `${headline(b)}: ${i.title}`,
    '',
    ...rows.map(([k, v]) => `${k}: ${v}`),
    ...(i.why.length ? ['', 'Why grouped:', ...i.why.map((w) => `- ${w}`)] : []),
    '',
    i.url,
  ].join('\n');
  const htmlBody = [
    `<h2>${html(headline(b))}: <a href="${html(i.url)}">${html(i.title)}</a></h2>`,
    `<table>${rows.map(([k, v]) => `<tr><th align="left">${html(k)}</th><td>${html(v)}</td></tr>`).join('')}</table>`,
    i.why.length ? `<p>Why grouped:</p><ul>${i.why.map((w) => `<li>${html(w)}</li>`).join('')}</ul>` : '',
    `<p><a href="${html(i.url)}">Open in MOZAIC</a></p>`,
  ].join('\n');
  return { kind: 'mail', to: settings['to'] as string[], subject: subject(b), text, html: htmlBody };
};
