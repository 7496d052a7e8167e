import { Observable } from 'rxjs';

/**
 * Server-Sent Events over fetch, so the access token travels in the Authorization header (an
 * EventSource cannot send one). Emits each event's parsed JSON data; reconnects after a drop.
 */
export function eventStream<T>(
  url: string,
  token: () => string | null,
  event = 'message',
  /** Told whether the stream is connected right now (true once it answers, false when it drops). */
  onState: (connected: boolean) => void = () => undefined,
): Observable<T> {
  return new Observable<T>((sub) => {
    let stopped = false;
    let ctl: AbortController | null = null;
    const connect = async () => {
      while (!stopped) {
        ctl = new AbortController();
        try {
          const res = await fetch(url, {
            headers: { Accept: 'text/event-stream', Authorization: `Bearer ${token() ?? ''}` },
            signal: ctl.signal,
          });
          if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
          onState(true);
          const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += value;
            let at: number;
            while ((at = buffer.indexOf('\n\n')) >= 0) {
              const block = buffer.slice(0, at);
              buffer = buffer.slice(at + 2);
              let name = 'message';
              const data: string[] = [];
              for (const line of block.split('\n')) {
                if (line.startsWith('event:')) name = line.slice(6).trim();
                else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
              }
              if (name === event && data.length) sub.next(JSON.parse(data.join('\n')) as T);
            }
          }
        } catch {
          // dropped or refused: try again shortly
        }
        if (!stopped) onState(false);
        if (!stopped) await new Promise((r) => setTimeout(r, 2000));
      }
    };
    void connect();
    return () => {
      stopped = true;
      ctl?.abort();
    };
  });
}
