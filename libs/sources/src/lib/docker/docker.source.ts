import { SourceDefinition } from '../source-definition';
import { DOCKER_FORM } from './docker.form';

/** Docker: container events, unhealthy and exited containers and their logs, pulled from the engine API. */
export const DOCKER: SourceDefinition = { type: 'docker', label: 'Docker', pull: DOCKER_FORM };
