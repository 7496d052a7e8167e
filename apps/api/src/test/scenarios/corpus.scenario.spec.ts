import { corpus } from '../corpus/corpus';
import { replayStory } from '../corpus/replay';
import { score, scoreDetails, scoreLine } from '../corpus/score';
import { kubernetesDay } from '../corpus/kubernetes-day';
import { withArrivalJitter } from '../corpus/story';

/**
 * The labelled corpus (src/test/corpus) through the production mappers and the correlator. The
 * built API's webhooks run the same stories in `npm run bench:correlation`; this keeps the
 * engine's grouping from regressing, fast, in the unit tier.
 */
describe('correlation corpus', () => {
  const stories = corpus();

  it.each(stories.map((s) => [s.name, s] as const))(
    '%s: groups as drawn by hand, explains every membership, loses nothing',
    (_name, story) => {
      const { items } = replayStory(story, true);
      const s = score(items);
      const report = [scoreLine(story.name, s), ...scoreDetails(s, items)].join('\n');
      expect({
        lost: s.lost,
        unexplained: s.members - s.explained,
        heartbeatsInIncidents: s.heartbeatsInIncidents,
      }).toEqual({
        lost: 0,
        unexplained: 0,
        heartbeatsInIncidents: 0,
      });
      if (s.f1 < 0.9) throw new Error(`pairwise F1 below 0.9:\n${report}`);
    },
  );

  it('reaches pairwise F1 ≥ 0.95 over all stories', () => {
    const scores = stories.map((story) => score(replayStory(story, true).items));
    const mean = scores.reduce((n, s) => n + s.f1, 0) / scores.length;
    expect(mean).toBeGreaterThanOrEqual(0.95);
  });

  it.each(stories.map((s) => [s.name, s] as const))(
    '%s: a replay in seconds (no sweeper) gives the incidents of live receipt',
    (_name, story) => {
      expect(replayStory(story, false).partition).toEqual(replayStory(story, true).partition);
    },
  );

  it.each([1, 2, 3])('arrival order does not change the incidents (jitter seed %d)', (seed) => {
    const base = kubernetesDay();
    expect(replayStory(withArrivalJitter(base, seed, 4 * 60_000), true).partition).toEqual(
      replayStory(base, true).partition,
    );
  });
});
