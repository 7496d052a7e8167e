import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LabelMatcher } from '@mozaic/contracts';
import { DataSource } from 'typeorm';
import { InvalidInputError, PayloadTooLargeError } from '../../../common/errors';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { AlertEntity } from '../../incidents/entities/alert.entity';
import { alertFromRow } from '../../incidents/processing/correlation-rows';
import { matches } from '../../notifications/routing/label-matcher';
import { WebhookIntake } from '../../webhooks/webhook-intake.service';
import { alertLabels } from '../matching/silence-matcher';

/** How long after its latest occurrence a firing alert is reported to end, if nothing refreshes it. */
const RESOLVE_TIMEOUT_MS = 5 * 60_000;

export interface AlertsFilter {
  active: boolean;
  silenced: boolean;
  inhibited: boolean;
  matchers: LabelMatcher[];
}

/** A label set's stable id (Alertmanager hashes the sorted label set too). */
function fingerprint(labels: Record<string, string>): string {
  const text = Object.keys(labels)
    .sort()
    .map((k) => `${k}\u00ff${labels[k]}`)
    .join('\u00ff');
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/**
 * Alerts through the Alertmanager API: GET lists MOZAIC's firing alerts in Alertmanager's shape
 * (with silencedBy), POST takes what Prometheus posts — stored durably, exactly as a webhook
 * delivery, before the answer.
 */
@Injectable()
export class AlertmanagerAlerts {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly intake: WebhookIntake,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(projectId: string, f: AlertsFilter) {
    const rows = await this.db.getRepository(AlertEntity).find({
      where: { projectId, status: 'firing' },
      order: { lastSeen: 'DESC' },
      take: 1000,
    });
    return rows
      .map((r) => ({ row: r, state: alertFromRow(r) }))
      .map(({ row, state }) => {
        const multi = alertLabels(state);
        const labels = Object.fromEntries(Object.entries(multi).map(([k, v]) => [k, v[0]]));
        return { row, labels, multi };
      })
      .filter(({ row, multi }) => {
        const silenced = row.silencedBy.length > 0;
        const inhibited = row.inhibitedBy.length > 0;
        if (silenced && !f.silenced) return false;
        if (inhibited && !f.inhibited) return false;
        if (!silenced && !inhibited && !f.active) return false;
        return f.matchers.every((m) => matches(m, multi));
      })
      .map(({ row, labels }) => ({
        labels,
        annotations: { summary: row.title },
        startsAt: row.firstSeen.toISOString(),
        endsAt: new Date(row.lastSeen.getTime() + RESOLVE_TIMEOUT_MS).toISOString(),
        updatedAt: row.lastSeen.toISOString(),
        fingerprint: row.fingerprint.slice(0, 64),
        generatorURL: row.link ?? '',
        receivers: [{ name: 'mozaic' }],
        status: {
          state: row.silencedBy.length || row.inhibitedBy.length ? 'suppressed' : 'active',
          silencedBy: row.silencedBy,
          inhibitedBy: row.inhibitedBy,
        },
      }));
  }

  /** Prometheus' postableAlerts → one stored Alertmanager-shaped delivery (status from endsAt). */
  async post(projectId: string, body: unknown): Promise<void> {
    if (!Array.isArray(body)) throw new InvalidInputError('the body must be an array of alerts');
    if (body.length > this.config.webhookMaxAlerts)
      throw new PayloadTooLargeError(`at most ${this.config.webhookMaxAlerts} alerts per request`);
    const now = Date.now();
    const alerts = body.map((a, i) => {
      const labels = stringMap(a?.labels, `[${i}].labels`);
      if (Object.keys(labels).length === 0) throw new InvalidInputError(`[${i}].labels must not be empty`);
      const annotations = a?.annotations === undefined ? {} : stringMap(a.annotations, `[${i}].annotations`);
      const startsAt = time(a?.startsAt, `[${i}].startsAt`) ?? new Date(now).toISOString();
      const endsAt = time(a?.endsAt, `[${i}].endsAt`);
      const resolved = endsAt !== undefined && Date.parse(endsAt) <= now;
      return {
        status: resolved ? 'resolved' : 'firing',
        labels,
        annotations,
        startsAt,
        endsAt: endsAt ?? '0001-01-01T00:00:00Z',
        generatorURL: typeof a?.generatorURL === 'string' ? a.generatorURL.slice(0, 2000) : '',
        fingerprint: fingerprint(labels),
      };
    });
    if (alerts.length === 0) return;
    const delivery = {
      version: '4',
      receiver: 'mozaic',
      status: alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
      alerts,
      groupLabels: {},
      commonLabels: {},
      commonAnnotations: {},
      externalURL: '',
    };
    await this.intake.receiveTrusted(projectId, 'alertmanager', 'prometheus', JSON.stringify(delivery));
  }
}

function stringMap(v: unknown, where: string): Record<string, string> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new InvalidInputError(`${where} must be an object`);
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (typeof x !== 'string') throw new InvalidInputError(`${where}.${k.slice(0, 100)} must be a string`);
    out[k.slice(0, 100)] = x.slice(0, 4000);
  }
  return out;
}

function time(v: unknown, where: string): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  if (!Number.isFinite(t)) throw new InvalidInputError(`${where} must be a date-time`);
  return t <= Date.parse('0001-01-02T00:00:00Z') ? undefined : new Date(t).toISOString();
}
