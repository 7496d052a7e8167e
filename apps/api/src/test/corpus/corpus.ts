import { awsAfternoon } from './aws-afternoon';
import { kubernetesDay } from './kubernetes-day';
import { Story, withArrivalJitter } from './story';
import { twoClusters } from './two-clusters';
import { vmFleet } from './vm-fleet';

/** Every labelled story of the correlation corpus (see README.md beside this file). */
export function corpus(): Story[] {
  return [kubernetesDay(), awsAfternoon(), twoClusters(), vmFleet(), withArrivalJitter(kubernetesDay(), 5, 4 * 60_000)];
}
