import { Correlator, MemoryStore, TemplateMiner } from '@mozaic/correlation';
import { deliverySignals } from '../../modules/webhooks/ingest/delivery-signals';
import { ScoredItem } from './score';
import { Story } from './story';

/** One signal's identity across deliveries: the same in the engine's replay and through the API. */
export const itemId = (source: string, sourceRef: string | null, occurredAt: string) =>
  `${source}|${sourceRef ?? ''}|${new Date(occurredAt).toISOString()}`;

export interface Replay {
  items: ScoredItem[];
  /** Each item's final incident as a set of item ids (for comparing two replays). */
  partition: string[][];
}

/** How often the sweeper runs on a live server (the incident sweeper's interval). */
const SWEEP_MS = 60_000;

/**
 * A story through the production mappers (deliverySignals, as the ingest worker calls them), the
 * template miner and the correlator, in one process. `live`: the sweeper runs every 60 s of
 * story time between deliveries, as on a server receiving the stream as it happens; otherwise the
 * deliveries are filed back to back with no sweeper at all (a replay, or a backlog caught up).
 */
export function replayStory(story: Story, live: boolean): Replay {
  const store = new MemoryStore();
  const correlator = new Correlator(store);
  const miner = new TemplateMiner();
  const placed = new Map<string, { truth: string | null; incident: string | null; alertId: string }>();
  let swept = story.deliveries[0]?.at ?? 0;
  for (const d of story.deliveries) {
    for (; live && swept + SWEEP_MS <= d.at; swept += SWEEP_MS)
      correlator.tick(swept + SWEEP_MS, store.openIncidents());
    const { signals } = deliverySignals({
      projectId: 'p',
      source: d.source,
      kind: d.kind ?? null,
      body: JSON.stringify(d.body),
    });
    if (signals.length !== d.truth.length)
      throw new Error(
        `${story.name}: a delivery mapped to ${signals.length} signals, its truth names ${d.truth.length}`,
      );
    const outcomes = correlator.ingestAll(
      signals.map((signal) => ({
        signal,
        templates: [`t${miner.addId(signal.message || signal.title, Date.parse(signal.occurredAt))}`],
      })),
    );
    signals.forEach((sig, i) => {
      if (sig.status !== 'firing') return;
      const id = itemId(sig.source, sig.sourceRef, sig.occurredAt);
      if (!placed.has(id))
        placed.set(id, { truth: d.truth[i], incident: outcomes[i].incidentId, alertId: outcomes[i].alertId });
    });
  }
  const final = (id: string | null) => {
    let inc = id ? store.incidents.get(id) : undefined;
    for (let hops = 0; inc?.mergedInto && hops < 50; hops++) inc = store.incidents.get(inc.mergedInto);
    return inc;
  };
  const items: ScoredItem[] = [...placed].map(([id, p]) => {
    let inc = final(p.incident);
    // An alert moved since (its entities were refined): it now counts where it is.
    if (inc && !inc.memberIds.includes(p.alertId)) inc = final(store.alerts.get(p.alertId)?.incidentId ?? null);
    const reason = inc?.reasons[p.alertId]?.summary;
    return { id, truth: p.truth, predicted: inc?.id ?? null, explained: !!reason, reason };
  });
  const groups = new Map<string, string[]>();
  for (const i of items) if (i.predicted) groups.set(i.predicted, [...(groups.get(i.predicted) ?? []), i.id]);
  const partition = [...groups.values()].map((g) => g.sort()).sort((a, b) => a.join().localeCompare(b.join()));
  return { items, partition };
}
