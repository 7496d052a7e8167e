import { LogLine } from '@mozaic/sources';

/**
 * Splits a /containers/{id}/logs body into lines. Without a TTY the daemon multiplexes: frames of an
 * 8-byte header [STREAM, 0, 0, 0, SIZE uint32 BE] and SIZE bytes (1 stdout, 2 stderr; 0 is written
 * on stdout); with a TTY the body is raw text. A truncated last frame is kept as far as it goes.
 */
export function demuxDockerLogs(body: Buffer, tty = false): LogLine[] {
  const chunks: Array<{ stream: LogLine['stream']; data: Buffer }> = [];
  if (tty || !looksMultiplexed(body)) chunks.push({ stream: 'stdout', data: body });
  else {
    let at = 0;
    while (at + 8 <= body.length) {
      const stream = body[at] === 2 ? 'stderr' : 'stdout';
      const size = body.readUInt32BE(at + 4);
      chunks.push({ stream, data: body.subarray(at + 8, Math.min(body.length, at + 8 + size)) });
      at += 8 + size;
    }
  }
  const lines: LogLine[] = [];
  for (const c of chunks)
    for (const text of c.data.toString('utf8').split('\n')) if (text.trim()) lines.push({ stream: c.stream, text });
  return lines;
}

function looksMultiplexed(b: Buffer): boolean {
  return b.length >= 8 && b[0] <= 2 && b[1] === 0 && b[2] === 0 && b[3] === 0;
}
