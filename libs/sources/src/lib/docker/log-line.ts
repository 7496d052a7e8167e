/** One line of a container log, with the stream it came from. */
export interface LogLine {
  stream: 'stdout' | 'stderr';
  text: string;
}
