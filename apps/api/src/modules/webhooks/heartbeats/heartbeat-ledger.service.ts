import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isMetaAlert, nextInterval } from '@mozaic/correlation';
import { DataSource } from 'typeorm';
import { arr, Json, obj, str } from '@mozaic/sources';

/** A cheap test before parsing: only deliveries that mention a heartbeat are looked at. */
const MENTIONS_HEARTBEAT = /watchdog|deadmansswitch|dead-mans-switch|heartbeat/i;
const HEARTBEAT = /^(?:watchdog|deadmansswitch|dead-mans-switch|heartbeat)$/i;

/**
 * When each heartbeat sender (an Alertmanager's Watchdog) was last heard, in arrival time, and
 * its rhythm. Noted at intake for every delivery that carries one — a repeat notification is a
 * duplicate delivery (same body) and still proves the sender alive.
 */
@Injectable()
export class HeartbeatLedger {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async heard(projectId: string, source: string, raw: string, at = new Date()): Promise<void> {
    if ((source !== 'alertmanager' && source !== 'grafana') || !MENTIONS_HEARTBEAT.test(raw)) return;
    let body: Json;
    try {
      body = JSON.parse(raw) as Json;
    } catch {
      return;
    }
    for (const a of arr(body, 'alerts')) {
      const labels = obj(a, 'labels') ?? {};
      const name = str(labels, 'alertname');
      if (!name || !HEARTBEAT.test(name) || !isMetaAlert(name) || str(a, 'status') === 'resolved') continue;
      const ref = (str(a, 'fingerprint') ?? name).slice(0, 200);
      const sender = (str(labels, 'prometheus') ?? str(labels, 'cluster') ?? str(body, 'externalURL') ?? source).slice(
        0,
        200,
      );
      await this.record(projectId, ref, sender, at);
    }
  }

  private async record(projectId: string, ref: string, name: string, at: Date): Promise<void> {
    await this.db.transaction(async (m) => {
      const rows: Array<{ last_received_at: Date; interval_ms: number | null }> = await m.query(
        'SELECT last_received_at, interval_ms FROM heartbeats WHERE project_id = $1 AND ref = $2 FOR UPDATE',
        [projectId, ref],
      );
      const prev = rows[0];
      const interval = prev ? nextInterval(prev.interval_ms, at.getTime() - prev.last_received_at.getTime()) : null;
      await m.query(
        `INSERT INTO heartbeats (project_id, ref, name, last_received_at, interval_ms) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (project_id, ref) DO UPDATE SET name = EXCLUDED.name,
           last_received_at = GREATEST(heartbeats.last_received_at, EXCLUDED.last_received_at), interval_ms = EXCLUDED.interval_ms`,
        [projectId, ref, name, at, interval],
      );
    });
  }
}
