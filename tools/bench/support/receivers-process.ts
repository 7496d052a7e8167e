/**
 * The local receivers of bench:notify in a process of their own (as remote receivers would be), so
 * that the load generator's work never delays their answers. Speaks over IPC: sends `{ port }` when
 * listening; on `report`, answers `{ arrivals }` (delivery id, arrival time, path) and keeps going.
 */
import { Receivers } from '../../../apps/api/src/test/support/receivers';

async function main(): Promise<void> {
  const rx = new Receivers();
  await rx.start();
  process.send?.({ port: rx.port });
  process.on('message', (m: { cmd: string }) => {
    if (m.cmd === 'report')
      process.send?.({
        arrivals: rx.received.map((r) => ({
          id: String(r.headers['x-mozaic-delivery'] ?? ''),
          at: r.at,
          path: r.path,
        })),
      });
    if (m.cmd === 'stop') void rx.stop().then(() => process.exit(0));
  });
}

void main();
