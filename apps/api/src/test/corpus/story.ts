import type { Episode } from './notifier';
import {
  alertmanagerNotification,
  grafanaNotification,
  Labels,
  PromAlert,
  sentryEventAlert,
  SentryIssueSpec,
  sentryIssueWebhook,
} from './payloads';

/**
 * A labelled stream: the deliveries a sender would make, in arrival order, each alert in them
 * marked with the true incident it belongs to — written from the story's causal design, before
 * the engine ran on it. `null` marks what must not become an incident (heartbeats).
 */
export type WebhookSource = 'alertmanager' | 'grafana' | 'sentry' | 'cloudwatch';

export interface Delivery {
  /** When the sender posts it (epoch ms). */
  at: number;
  source: WebhookSource;
  /** Sentry's Sentry-Hook-Resource header. */
  kind?: string;
  body: Record<string, unknown>;
  /** Per alert of the body, in order: the true incident, or null for "no incident". */
  truth: Array<string | null>;
}

export interface Story {
  name: string;
  /** What happened, for people reading the bench output. */
  summary: string;
  deliveries: Delivery[];
}

/** A small deterministic PRNG (mulberry32), so every run builds the same stream. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const MIN = 60_000;

/** A firing or resolved alert with the true incident it belongs to. */
export interface Labelled extends PromAlert {
  truth: string | null;
}

/** Collects deliveries; sorted by time when built. */
export class StoryBuilder {
  private readonly out: Delivery[] = [];
  private seq = 0;
  readonly random: () => number;

  constructor(
    readonly name: string,
    readonly summary: string,
    readonly t0: number,
    seed: number,
  ) {
    this.random = rng(seed);
  }

  /** Minutes from the story's start → epoch ms. */
  t(minutes: number): number {
    return this.t0 + Math.round(minutes * MIN);
  }

  id(prefix: string): string {
    this.seq += 1;
    return `${prefix}${this.seq.toString(16).padStart(8, '0')}`;
  }

  /** An alert's life from minute `start` to `end` (undefined: still firing at the end). */
  episode(
    a: { labels: Labels; annotations?: Record<string, string> },
    start: number,
    end: number | undefined,
    truth: string | null,
  ): Episode {
    return {
      labels: a.labels,
      annotations: a.annotations,
      start: this.t(start),
      end: end === undefined ? undefined : this.t(end),
      truth,
    };
  }

  add(d: Delivery): void {
    this.out.push(d);
  }

  alertmanager(at: number, receiver: string, groupBy: string[], alerts: Labelled[]): void {
    this.add({
      at,
      source: 'alertmanager',
      body: alertmanagerNotification(receiver, groupBy, alerts),
      truth: alerts.map((a) => a.truth),
    });
  }

  grafana(at: number, folder: string, alerts: Labelled[]): void {
    this.add({
      at,
      source: 'grafana',
      body: grafanaNotification('oncall', folder, alerts),
      truth: alerts.map((a) => a.truth),
    });
  }

  sentryIssue(at: number, action: 'created' | 'resolved', issue: SentryIssueSpec, truth: string | null): void {
    this.add({ at, source: 'sentry', kind: 'issue', body: sentryIssueWebhook(action, issue, at), truth: [truth] });
  }

  sentryEvent(at: number, issue: SentryIssueSpec, tags: Labels, truth: string | null): void {
    const body = sentryEventAlert(issue, at, tags, this.id('e').padEnd(32, '0'));
    this.add({ at, source: 'sentry', kind: 'event_alert', body, truth: [truth] });
  }

  build(): Story {
    const deliveries = [...this.out].sort((a, b) => a.at - b.at);
    return { name: this.name, summary: this.summary, deliveries };
  }
}

/**
 * The same story with each delivery delayed by up to `maxDelayMs` (retries, slow senders, a
 * queue behind a proxy): arrival order changes, occurrence times and the truth do not.
 */
export function withArrivalJitter(story: Story, seed: number, maxDelayMs: number): Story {
  const random = rng(seed);
  const deliveries = story.deliveries
    .map((d) => ({ ...d, at: d.at + Math.round(random() * maxDelayMs) }))
    .sort((a, b) => a.at - b.at);
  return { name: `${story.name}+jitter`, summary: `${story.summary}, arriving out of order`, deliveries };
}
