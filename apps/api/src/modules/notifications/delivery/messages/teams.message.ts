import { headline, facts, cut } from './wording';
import { json, Renderer } from './message';

const COLOR = { low: 'Accent', medium: 'Warning', high: 'Attention', critical: 'Attention' } as const;

/** Microsoft Teams workflow webhook ("When a Teams webhook request is received"): a message with an Adaptive Card. */
export const teamsMessage: Renderer = (b, _settings, secrets) => {
  const i = b.incident;
  return json(secrets['url'], {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            {
              type: 'TextBlock',
              text: headline(b),
              weight: 'Bolder',
              color: b.type === 'incident.resolved' ? 'Good' : COLOR[i.severity],
            },
            { type: 'TextBlock', text: cut(i.title, 500), size: 'Medium', weight: 'Bolder', wrap: true },
            { type: 'FactSet', facts: facts(b).map(([title, value]) => ({ title, value: cut(value, 300) })) },
            ...i.why.map((w) => ({
              type: 'TextBlock',
              text: cut(`Why grouped: ${w}`, 500),
              wrap: true,
              isSubtle: true,
            })),
          ],
          actions: [{ type: 'Action.OpenUrl', title: 'Open in MOZAIC', url: i.url }],
        },
      },
    ],
  });
};
