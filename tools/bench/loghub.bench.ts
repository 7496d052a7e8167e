/**
 * npm run bench:loghub -- --data <dir> --out <predDir> [--rounds N] [--scorer <score-log-grouping.mjs>]
 *
 * Log-template grouping on labelled logs laid out like shared/loghub-2k: for every dataset folder in
 * <dir> with an entry in <dir>/settings.json, cuts each line's header with that entry's lineRegex
 * (the only per-dataset setting used), groups the Content with one generic TemplateMiner, and writes
 * <predDir>/<Dataset>.csv (LineId,ClusterId,EventTemplate: the template MOZAIC shows for the line at the end of
 * the stream). Prints per-dataset throughput — parse only (the miner
 * alone, best of N rounds with a fresh miner each) and end-to-end (read, cut, mine, write) — and ends
 * with `lines_per_s=<parse-only over all datasets>`. Score with shared/tools/score-log-grouping.mjs;
 * given that script with --scorer, also prints GA, FGA, PA and FTA per dataset, their means, and
 * the means of the two cross-validation halves (datasets sorted by name, alternately in A and B).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TemplateMiner, templateText } from '../../libs/correlation/src';

interface DatasetSettings {
  logFile: string;
  lineRegex: string;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const data = arg('data');
const out = arg('out');
const rounds = Number(arg('rounds') ?? 20);
if (!data || !out) {
  console.error('usage: npm run bench:loghub -- --data <dir> --out <predDir> [--rounds N]');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const settings = JSON.parse(readFileSync(join(data, 'settings.json'), 'utf8')) as {
  datasets: Record<string, DatasetSettings>;
};

function contents(name: string, s: DatasetSettings): string[] {
  const re = new RegExp(s.lineRegex);
  return readFileSync(join(data as string, s.logFile), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l, i, all) => l.length > 0 || i < all.length - 1)
    .map((line, i) => {
      const m = re.exec(line);
      if (!m?.groups?.['Content'] && m?.groups?.['Content'] !== '')
        throw new Error(`${name} line ${i + 1} does not match its lineRegex`);
      // A copy, not a slice of the file's text: the miner reads its messages as the API hands them over
      // (strings of their own, from JSON.parse); a slice is read through its parent, about 10 % slower.
      return flat(m.groups['Content']);
    });
}

/** The string's characters in a string of their own (Buffer round trip: V8 has no flatten call). */
const flat = (s: string) => Buffer.from(s, 'utf8').toString('utf8');

/** RFC 4180: quote a field holding a comma, quote or line break; double the quotes. */
const csvField = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

let totalLines = 0;
let totalParseMs = 0;
const rows: string[] = [];
for (const [name, s] of Object.entries(settings.datasets)) {
  if (!existsSync(join(data, s.logFile))) continue;
  const t0 = performance.now();
  const lines = contents(name, s);
  const miner = new TemplateMiner();
  const ids = lines.map((l) => miner.addId(l));
  // The cluster and template MOZAIC shows for each line at the end of the stream (a cluster merged
  // into another goes by that one's id).
  const template = (id: number) => {
    const c = miner.cluster(id);
    return csvField(c ? templateText(c) : '');
  };
  writeFileSync(
    join(out, `${name}.csv`),
    'LineId,ClusterId,EventTemplate\n' + ids.map((id, i) => `${i + 1},${miner.resolve(id)},${template(id)}`).join('\n') + '\n',
  );
  const endToEndMs = performance.now() - t0;

  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const m = new TemplateMiner();
    const a = performance.now();
    for (let i = 0; i < lines.length; i++) m.addId(lines[i]);
    best = Math.min(best, performance.now() - a);
  }
  totalLines += lines.length;
  totalParseMs += best;
  rows.push(
    `${name.padEnd(12)} lines=${lines.length} clusters=${miner.size} parse_only=${Math.round(lines.length / (best / 1000)).toLocaleString('en')} lines/s end_to_end=${Math.round(lines.length / (endToEndMs / 1000)).toLocaleString('en')} lines/s`,
  );
}
for (const r of rows) console.log(r);
console.log(`lines_per_s=${Math.round(totalLines / (totalParseMs / 1000))}`);

interface Scored {
  GA: number;
  FGA: number;
  PA: number;
  FTA: number;
}
type ScoreFiles = (truth: string, pred: string) => Scored;

async function printScores(scorer: string): Promise<void> {
  const { scoreFiles } = (await import(resolve(scorer))) as { scoreFiles: ScoreFiles };
  const names = Object.entries(settings.datasets)
    .filter(([, s]) => existsSync(join(data as string, s.logFile)))
    .map(([name]) => name)
    .sort();
  const scores = new Map<string, Scored>();
  for (const name of names) {
    const truthFile = join(
      data as string,
      (settings.datasets[name] as DatasetSettings & { truthFile: string }).truthFile,
    );
    scores.set(name, scoreFiles(truthFile, join(out as string, `${name}.csv`)));
  }
  const f = (x: number) => x.toFixed(3);
  const mean = (list: string[], k: keyof Scored) =>
    list.reduce((n, d) => n + (scores.get(d) as Scored)[k], 0) / list.length;
  const line = (label: string, list: string[]) =>
    `${label.padEnd(12)} GA=${f(mean(list, 'GA'))} FGA=${f(mean(list, 'FGA'))} PA=${f(mean(list, 'PA'))} FTA=${f(mean(list, 'FTA'))}`;
  for (const name of names) console.log(line(name, [name]));
  const a = names.filter((_, i) => i % 2 === 0);
  const b = names.filter((_, i) => i % 2 === 1);
  console.log(line('mean', names));
  console.log(`${line('half A', a)}  (${a.join(', ')})`);
  console.log(`${line('half B', b)}  (${b.join(', ')})`);
}

const scorer = arg('scorer');
if (scorer)
  printScores(scorer).catch((e) => {
    console.error(e);
    process.exit(1);
  });
