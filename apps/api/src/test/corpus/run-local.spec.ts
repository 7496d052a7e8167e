import { corpus } from './corpus';
import { replayStory } from './replay';
import { score, scoreDetails, scoreLine } from './score';

it('prints', () => {
  for (const story of corpus()) {
    const r = replayStory(story, true);
    const s = score(r.items);
    console.log(
      `${story.deliveries.length} deliveries\n` + scoreLine(story.name, s) + '\n' + scoreDetails(s, r.items).join('\n'),
    );
  }
});
