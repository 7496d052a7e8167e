import { headline, facts, cut, SEVERITY_LABEL } from './wording';
import { json, Renderer } from './message';

const ICON = {
  low: ':large_blue_circle:',
  medium: ':large_yellow_circle:',
  high: ':large_orange_circle:',
  critical: ':red_circle:',
};

/** Slack incoming webhook: Block Kit (header, fields, why grouped, a button), with `text` as the fallback. */
export const slackMessage: Renderer = (b, _settings, secrets) => {
  const i = b.incident;
  const icon = b.type === 'incident.resolved' ? ':white_check_mark:' : ICON[i.severity];
  const fields = facts(b)
    .slice(0, 10)
    .map(([k, v]) => ({ type: 'mrkdwn', text: `*${k}*\n${cut(v, 200)}` }));
  return json(secrets['url'], {
    text: `${headline(b)}: [${SEVERITY_LABEL[i.severity]}] ${cut(i.title, 200)} ${i.url}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: cut(`${headline(b)}: ${i.title}`, 150), emoji: true } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: cut(`${icon} *<${i.url}|${escape(i.title)}>*`, 3000) },
        fields,
      },
      ...(i.why.length
        ? [
            {
              type: 'context',
              elements: i.why.map((w) => ({ type: 'mrkdwn', text: cut(`Why grouped: ${escape(w)}`, 3000) })),
            },
          ]
        : []),
      {
        type: 'actions',
        elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in MOZAIC' }, url: i.url }],
      },
    ],
  });
};

/** Slack's mrkdwn control characters. */
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
