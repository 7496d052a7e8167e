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

/**
 * A story through the production mappers (deliverySignals, as the ingest worker calls them), the
 * template miner and the correlator, in one process. `live`: the sweeper runs before each
 * delivery at its arrival time, as it would on a server receiving the stream as it happens;
 * otherwise the deliveries are filed back to back with no sweeper at all (a replay or a backlog).
 */
export function replayStory(story: Story, live: boolean): Replay {
  const store = new MemoryStore();
  const correlator = new Correlator(store);
  const miner = new TemplateMiner();
  const placed = new Map<string, { truth: string | null; incident: string | null; alertId: string }>();
  for (const d of story.deliveries) {
    if (live) correlator.tick(d.at, store.openIncidents());
    const { signals } = deliverySignals({ projectId: 'p', source: d.source, kind: d.kind ?? null, body: JSON.stringify(d.body) });
    if (signals.length !== d.truth.length)
      throw new Error(`${story.name}: a delivery mapped to ${signals.length} signals, its truth names ${d.truth.length}`);
    const outcomes = correlator.ingestAll(
      signals.map((signal) => ({ signal, templates: [`t${miner.addId(signal.message || signal.title, Date.parse(signal.occurredAt))}`] })),
    );
    signals.forEach((sig, i) => {
      if (sig.status !== 'firing') return;
      const id = itemId(sig.source, sig.sourceRef, sig.occurredAt);
      if (!placed.has(id)) placed.set(id, { truth: d.truth[i], incident: outcomes[i].incidentId, alertId: outcomes[i].alertId });
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
