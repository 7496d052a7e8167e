import { kubernetesDay } from './kubernetes-day';
import { awsAfternoon } from './aws-afternoon';
import { replayStory } from './replay';
import { score, scoreDetails, scoreLine } from './score';

it('prints', () => {
  for (const story of [kubernetesDay(), awsAfternoon()]) {
    for (const live of [true, false]) {
      const r = replayStory(story, live);
      const s = score(r.items);
      console.log(`${story.deliveries.length} deliveries ${live ? 'live' : 'replay'}\n` + scoreLine(story.name, s) + '\n' + scoreDetails(s, r.items).join('\n'));
    }
  }
});
